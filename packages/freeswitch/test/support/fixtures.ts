import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real FreeSWITCH 1.10.12 captures. Override with CALLFWD_ESL_FIXTURES. */
// The repository's shared/ folder sits beside the checkout (../shared from the repo root).
export const FIXTURES_DIR =
  process.env.CALLFWD_ESL_FIXTURES ?? fileURLToPath(new URL('../../../../../shared/fixtures/esl-real', import.meta.url));

function requireFixtures(): void {
  if (!existsSync(join(FIXTURES_DIR, 'README.md'))) {
    throw new Error(
      `ESL captures not found in ${FIXTURES_DIR}: set CALLFWD_ESL_FIXTURES to the esl-real folder`,
    );
  }
}

export function fixturePath(...parts: string[]): string {
  requireFixtures();
  return join(FIXTURES_DIR, ...parts);
}

export function readFixture(...parts: string[]): Buffer {
  return readFileSync(fixturePath(...parts));
}

/** Every `<scenario>/<socket>.recv.raw`, as `scenario/socket`. */
export function listRecvCaptures(): string[] {
  requireFixtures();
  const found: string[] = [];
  for (const scenario of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!scenario.isDirectory()) continue;
    for (const file of readdirSync(join(FIXTURES_DIR, scenario.name))) {
      if (file.endsWith('.recv.raw')) found.push(`${scenario.name}/${file.slice(0, -'.recv.raw'.length)}`);
    }
  }
  return found.sort();
}

/** The commands a capture's client sent, one string per command (ending at its blank line). */
export function sentCommands(capture: string): string[] {
  const text = readFixture(`${capture}.sent.raw`).toString('utf8');
  return text
    .split('\n\n')
    .filter((c) => c !== '')
    .map((c) => `${c}\n\n`);
}
