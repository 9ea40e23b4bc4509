import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrames } from './esl-frames.js';
import { FIXTURES_DIR, sentCommands } from './fixtures.js';

/** One `api` command of a capture and the api/response body FreeSWITCH answered it with. */
export interface ApiExchange {
  /** The command line without `api ` (e.g. `uuid_kill <uuid>`). */
  readonly command: string;
  /** The body exactly as received, trailing newline included. */
  readonly body: string;
}

/**
 * Pairs a capture's `api` commands with its api/response frames in order (one socket answers
 * its api commands in turn). Throws when the counts differ.
 */
export function apiExchanges(capture: string, dir = FIXTURES_DIR): ApiExchange[] {
  const commands = sentCommands(capture, dir)
    .filter((c) => c.startsWith('api '))
    .map((c) => c.slice('api '.length, -'\n\n'.length));
  const bodies = splitFrames(readFileSync(join(dir, `${capture}.recv.raw`)))
    .filter((f) => f.headers['Content-Type'] === 'api/response')
    .map((f) => f.body);
  if (commands.length !== bodies.length)
    throw new Error(`${capture}: ${commands.length} api commands but ${bodies.length} api responses`);
  return commands.map((command, i) => ({ command, body: bodies[i] ?? '' }));
}
