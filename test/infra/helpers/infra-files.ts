import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and its infra/ folder, found from this file's place in test/infra/helpers. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const INFRA_DIR = join(REPO_ROOT, 'infra');

/** Every file under infra/ whose name ends with one of `suffixes`, as paths relative to infra/, sorted. */
export function listInfraFiles(...suffixes: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (suffixes.some((suffix) => entry.name.endsWith(suffix))) found.push(relative(INFRA_DIR, path));
    }
  };
  walk(INFRA_DIR);
  return found.sort();
}

/** The text of a file under infra/ (path relative to infra/). */
export function readInfraFile(path: string): string {
  return readFileSync(join(INFRA_DIR, path), 'utf8');
}

/** Whether a path relative to infra/ exists. */
export function infraPathExists(path: string): boolean {
  return existsSync(join(INFRA_DIR, path));
}
