// Test support for the PostgreSQL tests of `callfwd run`: a private PostgreSQL instance the test
// owns (started like scripts/lib/postgres.sh does, so it can be stopped and started again with
// pg_ctl), or a fresh schema in DATABASE_URL's server.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { createRecordsDb } from '@callfwd/records';
import { REPO_ROOT } from '../support/cli.js';

const run = promisify(execFile);

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/callfwd */
  readonly url: string;
  /** pg_ctl stop -m fast: every connection is cut, new ones are refused. */
  pause(): Promise<void>;
  /** pg_ctl start on the same port and data directory. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

const asOwner = (argv: string[]) => (process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...argv] : argv);

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const script = `source scripts/lib/setup.sh; unset DATABASE_URL; start_postgres >&2 || exit 1; printf '%s\\n%s\\n%s\\n' "$DATABASE_URL" "$CALLFWD_PG_DIR" "$(postgres_bin_dir)"`;
  const { stdout } = await run('bash', ['-c', script], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: '' } });
  const [url = '', dir = '', bin = ''] = stdout.trim().split('\n');
  if (!url.startsWith('postgres://')) throw new Error(`no private PostgreSQL: ${stdout}`);
  const port = new URL(url).port;
  const ctl = async (...args: string[]) => {
    const [cmd, ...rest] = asOwner([`${bin}/pg_ctl`, '-D', `${dir}/data`, ...args]);
    await run(cmd as string, rest);
  };
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  return {
    url,
    pause: () => ctl('stop', '-m', 'fast', '-w'),
    resume: () => ctl('start', '-w', '-o', opts, '-l', `${dir}/postgres-restart.log`),
    async stop() {
      await ctl('stop', '-m', 'immediate', '-w').catch(() => undefined);
      await run('rm', ['-rf', dir]);
    },
  };
}

/** A fresh schema in the server of `url` and the URL whose search_path is it. */
export async function freshSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = createRecordsDb({ url, max: 1 });
  await admin.pool.query(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const c = createRecordsDb({ url, max: 1 });
      await c.pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.close();
    },
  };
}

/** `name{labels} value` lines of a Prometheus scrape, summed. */
export function metricValue(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}
