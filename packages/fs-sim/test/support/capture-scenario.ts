// Loads a captured scenario from fixtures/esl-real: per socket, the commands it sent (with the
// time and the number of messages received before each) and the messages it received.
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EslMessage } from './esl-messages.js';
import { splitMessages } from './esl-messages.js';

// The repository's shared/ folder sits beside the checkout (../shared from the repo root).
export const CAPTURES_DIR =
  process.env.CALLFWD_ESL_FIXTURES ?? fileURLToPath(new URL('../../../../../shared/fixtures/esl-real', import.meta.url));

export interface CapturedSend {
  /** ms since that socket connected. */
  readonly t: number;
  /** Messages that socket had received when this was sent. */
  readonly afterMessages: number;
  readonly text: string;
}

export interface CapturedSocket {
  readonly name: string;
  readonly sends: readonly CapturedSend[];
  readonly received: readonly EslMessage[];
  /** ms of the last thing in the timeline. */
  readonly lastT: number;
}

export interface CapturedScenario {
  readonly name: string;
  readonly sockets: readonly CapturedSocket[];
}

export function listScenarios(): string[] {
  return readdirSync(CAPTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function loadScenario(name: string): CapturedScenario {
  const dir = join(CAPTURES_DIR, name);
  const socketNames = readdirSync(dir)
    .filter((file) => file.endsWith('.recv.raw'))
    .map((file) => file.slice(0, -'.recv.raw'.length));
  return { name, sockets: socketNames.map((socket) => loadSocket(dir, socket)) };
}

function loadSocket(dir: string, name: string): CapturedSocket {
  const recv = readFileSync(join(dir, `${name}.recv.raw`));
  const sent = readFileSync(join(dir, `${name}.sent.raw`), 'utf8');
  const md = readFileSync(join(dir, `${name}.md`), 'utf8');
  const received = splitMessages(recv);
  const ends = messageEnds(recv);
  const texts = sent.split('\n\n').filter((text) => text.trim() !== '');
  const marks = [...md.matchAll(/\*\*t=(\d+) SENT\*\* \(recv@(\d+)\)/g)].map((m) => ({ t: Number(m[1]), at: Number(m[2]) }));
  if (marks.length !== texts.length) throw new Error(`${dir}/${name}: ${marks.length} sends in .md, ${texts.length} in .sent.raw`);
  const sends = texts.map((text, i) => ({
    t: marks[i]!.t,
    afterMessages: ends.filter((end) => end <= marks[i]!.at).length,
    text: `${text}\n\n`,
  }));
  const times = [...md.matchAll(/^- (?:\*\*)?t=(\d+)/gm)].map((m) => Number(m[1]));
  return { name, sends, received, lastT: Math.max(0, ...times) };
}

function messageEnds(data: Buffer): number[] {
  const ends: number[] = [];
  let offset = 0;
  while (offset < data.length) {
    const end = data.indexOf('\n\n', offset);
    if (end < 0) break;
    const block = data.subarray(offset, end).toString('utf8');
    const length = Number(/^Content-Length: (\d+)$/m.exec(block)?.[1] ?? '0');
    offset = end + 2 + length;
    ends.push(offset);
  }
  return ends;
}
