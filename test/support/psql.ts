import { spawn } from 'node:child_process';

/** The PostgreSQL the test run started (scripts/test sets DATABASE_URL); never a mock. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL');
  return url;
}

/**
 * Runs SQL through `psql` (installed with PostgreSQL; test/ has no database client of its own) and
 * returns the rows as arrays of text. `vars` become psql variables: write `:'name'` in the SQL for
 * a quoted literal, so values are never pasted into the text.
 */
export function psqlRows(sql: string, vars: Readonly<Record<string, string>> = {}, url = databaseUrl()): Promise<string[][]> {
  const args = ['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-d', url];
  for (const [name, value] of Object.entries(vars)) args.push('-v', `${name}=${value}`);
  args.push('-f', '-');
  return new Promise((resolve, reject) => {
    const child = spawn('psql', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`psql exited ${String(code)}: ${err.trim()}`));
      else resolve(out.split('\n').filter((line) => line !== '').map((line) => line.split('\t')));
    });
    child.stdin.end(sql.trim().endsWith(';') ? sql : `${sql};`);
  });
}
