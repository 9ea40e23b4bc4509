import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/api/console: found above this file (src/ under tsx, dist/src/ when built). */
export function consoleRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === '@callfwd/api'
    ) {
      return join(dir, 'console');
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find the @callfwd/api package (with console/) above ${import.meta.url}`);
    dir = parent;
  }
}
