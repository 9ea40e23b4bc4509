// Loads a captured scenario from fixtures/esl-real (or esl-real-next): per socket, the commands it
// sent (with the time and the number of messages received before each), the messages it received
// and when, and when it connected relative to the scenario's first socket.
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EslMessage } from './esl-messages.js';
import { header, splitMessages } from './esl-messages.js';

// The repository's shared/ folder sits beside the checkout (../shared from the repo root).
export const CAPTURES_DIR =
  process.env.CALLFWD_ESL_FIXTURES ?? fileURLToPath(new URL('../../../../../shared/fixtures/esl-real', import.meta.url));
/** The second round of captures, not all of them spoken by the simulator yet. */
export const NEXT_CAPTURES_DIR =
  process.env.CALLFWD_ESL_NEXT_FIXTURES ?? fileURLToPath(new URL('../../../../../shared/fixtures/esl-real-next', import.meta.url));

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
  /** ms since that socket connected when each received message arrived. */
  readonly receivedT: readonly number[];
  /** ms of the last thing in the timeline. */
  readonly lastT: number;
  /** ms after the scenario's first socket connected that this one connected, when an event both
   *  received (the same Core-UUID and Event-Sequence) tells; 0 for the first socket. */
  readonly startT: number | undefined;
}

export interface CapturedScenario {
  readonly name: string;
  readonly sockets: readonly CapturedSocket[];
}

export function listScenarios(dir = CAPTURES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function loadScenario(name: string, capturesDir = CAPTURES_DIR): CapturedScenario {
  const dir = join(capturesDir, name);
  const socketNames = readdirSync(dir)
    .filter((file) => file.endsWith('.recv.raw'))
    .map((file) => file.slice(0, -'.recv.raw'.length));
  const sockets = socketNames.map((socket) => loadSocket(dir, socket));
  const first = sockets.find((socket) => socket.name !== 'driver') ?? sockets[0];
  return {
    name,
    sockets: sockets.map((socket) => ({ ...socket, startT: socket === first ? 0 : first === undefined ? undefined : offsetBetween(first, socket) })),
  };
}

/** When `other` connected, in `first`'s ms: from an event both received (FreeSWITCH broadcasts). */
function offsetBetween(first: Omit<CapturedSocket, 'startT'>, other: Omit<CapturedSocket, 'startT'>): number | undefined {
  const key = (message: EslMessage): string | undefined => {
    if (message.event === undefined) return undefined;
    const core = header(message.event.headers, 'Core-UUID');
    const sequence = header(message.event.headers, 'Event-Sequence');
    return core === undefined || sequence === undefined ? undefined : `${core}#${sequence}`;
  };
  const firstAt = new Map<string, number>();
  first.received.forEach((message, i) => {
    const k = key(message);
    if (k !== undefined) firstAt.set(k, first.receivedT[i]!);
  });
  for (const [i, message] of other.received.entries()) {
    const k = key(message);
    const t = k === undefined ? undefined : firstAt.get(k);
    if (t !== undefined) return Math.max(0, t - other.receivedT[i]!);
  }
  return undefined;
}

function loadSocket(dir: string, name: string): Omit<CapturedSocket, 'startT'> {
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
  const recvAt = new Map([...md.matchAll(/^- t=(\d+) recv \[(\d+)\+\d+\]/gm)].map((m) => [Number(m[2]), Number(m[1])]));
  const starts = [0, ...ends.slice(0, -1)];
  const receivedT = received.map((_, i) => recvAt.get(starts[i]!) ?? 0);
  return { name, sends, received, receivedT, lastT: Math.max(0, ...times) };
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
