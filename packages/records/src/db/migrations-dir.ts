// Finds the package's migrations/ directory from src/ (tsx) and from dist/src/ (built).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CallfwdError } from '@callfwd/domain';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (name === '@callfwd/records') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new CallfwdError('INTERNAL', 'cannot find the @callfwd/records package root');
    dir = parent;
  }
}

/** The numbered SQL files in order; a gap or a duplicate number is a bug in the repo. */
export function readMigrations(dir = join(packageRoot(), 'migrations')): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE.exec(file);
      if (match === null) throw new CallfwdError('INTERNAL', `bad migration file name: ${file}`);
      return { version: Number(match[1]), name: match[2] ?? '', sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new CallfwdError('INTERNAL', `migration ${i + 1} is missing or doubled`);
  });
  return migrations;
}
