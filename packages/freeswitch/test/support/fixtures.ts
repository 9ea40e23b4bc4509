import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real FreeSWITCH 1.10.12 captures. Override with CALLFWD_ESL_FIXTURES. */
// The repository's shared/ folder sits beside the checkout (../shared from the repo root).
export const FIXTURES_DIR =
  process.env.CALLFWD_ESL_FIXTURES ?? fileURLToPath(new URL('../../../../../shared/fixtures/esl-real', import.meta.url));

/** The second round of captures (not yet replayed by the simulator). Override with CALLFWD_ESL_FIXTURES_NEXT. */
export const NEXT_FIXTURES_DIR =
  process.env.CALLFWD_ESL_FIXTURES_NEXT ?? join(FIXTURES_DIR, '..', 'esl-real-next');

function requireFixtures(dir = FIXTURES_DIR): void {
  if (!existsSync(join(dir, 'README.md'))) {
    const variable = dir === FIXTURES_DIR ? 'CALLFWD_ESL_FIXTURES' : 'CALLFWD_ESL_FIXTURES_NEXT';
    throw new Error(`ESL captures not found in ${dir}: set ${variable} to the captures folder`);
  }
}

export function fixturePath(...parts: string[]): string {
  requireFixtures();
  return join(FIXTURES_DIR, ...parts);
}

export function readFixture(...parts: string[]): Buffer {
  return readFileSync(fixturePath(...parts));
}

/** A file of the esl-real-next captures. */
export function readNextFixture(...parts: string[]): Buffer {
  requireFixtures(NEXT_FIXTURES_DIR);
  return readFileSync(join(NEXT_FIXTURES_DIR, ...parts));
}

/** Every `<scenario>/<socket>.recv.raw` of `dir` (default esl-real), as `scenario/socket`. */
export function listRecvCaptures(dir = FIXTURES_DIR): string[] {
  requireFixtures(dir);
  const found: string[] = [];
  for (const scenario of readdirSync(dir, { withFileTypes: true })) {
    if (!scenario.isDirectory()) continue;
    for (const file of readdirSync(join(dir, scenario.name))) {
      if (file.endsWith('.recv.raw')) found.push(`${scenario.name}/${file.slice(0, -'.recv.raw'.length)}`);
    }
  }
  return found.sort();
}

/** The commands a capture's client sent, one string per command (ending at its blank line). */
export function sentCommands(capture: string, dir = FIXTURES_DIR): string[] {
  requireFixtures(dir);
  const text = readFileSync(join(dir, `${capture}.sent.raw`)).toString('utf8');
  return text
    .split('\n\n')
    .filter((c) => c !== '')
    .map((c) => `${c}\n\n`);
}
