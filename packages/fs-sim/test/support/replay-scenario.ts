// Replays a captured scenario's commands against a simulated node, socket by socket, in the
// captured order: each command waits until its socket has received as many messages as it had
// in the capture, and until its (time-scaled) moment has come. UUIDs FreeSWITCH chose in the
// capture are replaced by the ones the simulator chose for the same channel or job.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimNode } from '../../src/index.js';
import type { CapturedScenario, CapturedSocket } from './capture-scenario.js';
import type { EslMessage } from './esl-messages.js';
import { contentType, header } from './esl-messages.js';
import type { EslTestClient } from './esl-test-client.js';
import { connectClient } from './esl-test-client.js';

/** The event types the simulator models; others (CODEC, CHANNEL_STATE, HEARTBEAT...) only
 *  reach `event ... ALL` subscribers of a real node and are left out of the comparison. */
export const MODELLED_EVENTS: ReadonlySet<string> = new Set([
  'CHANNEL_CREATE', 'CHANNEL_ORIGINATE', 'CHANNEL_PROGRESS', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_ANSWER',
  'CHANNEL_PARK', 'CHANNEL_BRIDGE', 'CHANNEL_UNBRIDGE', 'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_DESTROY', 'BACKGROUND_JOB', 'RECORD_START', 'RECORD_STOP', 'DTMF',
]);

/** A driver that connected this much later than the controller in the capture is started late too. */
const LATE_START_MS = 500;

export const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Names channels, jobs and scheduler tasks the same way on both sides: `loopback/700-a#0`,
 *  `job:controller#1`, `task:controller#0` (the ids `sched_api` replied, in order). */
export class UuidLabels {
  private readonly labels = new Map<string, string>();
  private readonly perName = new Map<string, number>();
  private readonly jobs = new Map<string, number>();
  private readonly tasks = new Map<string, number>();

  observe(messages: readonly EslMessage[], scope: string): void {
    for (const message of messages) {
      const added = contentType(message) === 'api/response' ? /^\+OK Added: (\d+)\n$/.exec(message.body) : null;
      if (added !== null && !this.labels.has(`task:${added[1]}`)) {
        const n = this.tasks.get(scope) ?? 0;
        this.tasks.set(scope, n + 1);
        this.labels.set(`task:${added[1]}`, `task:${scope}#${n}`);
      }
      const jobReply = /^\+OK Job-UUID: (\S+)/.exec(header(message.headers, 'Reply-Text') ?? '');
      if (jobReply !== null && !this.labels.has(jobReply[1]!)) {
        const n = this.jobs.get(scope) ?? 0;
        this.jobs.set(scope, n + 1);
        this.labels.set(jobReply[1]!, `job:${scope}#${n}`);
      }
      if (message.event === undefined || !MODELLED_EVENTS.has(header(message.event.headers, 'Event-Name') ?? '')) continue;
      const uuid = header(message.event.headers, 'Unique-ID');
      const name = header(message.event.headers, 'Channel-Name');
      if (uuid === undefined || name === undefined || this.labels.has(uuid)) continue;
      const n = this.perName.get(name) ?? 0;
      this.perName.set(name, n + 1);
      this.labels.set(uuid, `${name}#${n}`);
    }
  }

  label(uuid: string): string | undefined {
    return this.labels.get(uuid);
  }

  normalise(text: string): string {
    return text
      .replace(UUID_PATTERN, (uuid) => `<${this.labels.get(uuid) ?? 'uuid'}>`)
      .replace(/\+OK Added: (\d+)(?=\n|$)/g, (_match, id: string) => `+OK Added: <${this.labels.get(`task:${id}`) ?? 'task'}>`);
  }

  /** Maps a UUID labelled here to the UUID with the same label in `other`. */
  translate(text: string, other: UuidLabels): string {
    const byLabel = new Map([...other.labels].map(([uuid, label]) => [label, uuid]));
    const mapped = (key: string): string | undefined => {
      const label = this.labels.get(key);
      return label === undefined ? undefined : byLabel.get(label);
    };
    return text
      .replace(UUID_PATTERN, (uuid) => mapped(uuid) ?? uuid)
      .replace(/^((?:api|bgapi) sched_del )(\d+)$/m, (line: string, command: string, id: string) => {
        const simId = mapped(`task:${id}`);
        return simId === undefined ? line : `${command}${simId.slice('task:'.length)}`;
      });
  }
}

export interface ReplayResult {
  readonly received: ReadonlyMap<string, readonly EslMessage[]>;
  readonly captured: UuidLabels;
  readonly sim: UuidLabels;
}

export async function replayScenario(node: SimNode, scenario: CapturedScenario, speed: number): Promise<ReplayResult> {
  const captured = new UuidLabels();
  for (const socket of scenario.sockets) captured.observe(socket.received, socket.name);
  const sim = new UuidLabels();
  const clients = new Map<string, EslTestClient>();
  const primaries = scenario.sockets.filter((socket) => socket.name !== 'driver');
  const driver = scenario.sockets.find((socket) => socket.name === 'driver');
  try {
    const started = Date.now();
    const runs = primaries.map(async (socket) => {
      const client = await connectClient(node.port);
      clients.set(socket.name, client);
      await playSends(socket, client, captured, sim, speed);
    });
    if (driver !== undefined) {
      // The driver places the call once every other socket has subscribed (as in the capture), or,
      // when it connected later in the capture, once they have received what they had by then.
      const late = (driver.startT ?? 0) > LATE_START_MS ? driver.startT! : undefined;
      await Promise.all(
        primaries.map(async (socket) => {
          const setup = socket.received.findIndex((message) => message.event !== undefined);
          const before = late === undefined ? setup < 0 ? socket.received.length : setup : socket.receivedT.filter((t) => t < late).length;
          while (clients.get(socket.name) === undefined) await sleep(1);
          await clients.get(socket.name)!.waitForCount(spoken(socket, before), (late ?? 0) / speed + 5000).catch(() => undefined);
        }),
      );
      const wait = (late ?? 0) / speed - (Date.now() - started);
      if (wait > 0) await sleep(wait);
      const client = await connectClient(node.port);
      clients.set(driver.name, client);
      runs.push(playSends(driver, client, captured, sim, speed));
    }
    await Promise.all(runs);
    const lastT = Math.max(...scenario.sockets.map((socket) => socket.lastT + (socket.startT ?? 0)));
    await sleep(lastT / speed + 300);
    await Promise.all(
      scenario.sockets.map((socket) =>
        clients.get(socket.name)!.waitForCount(spoken(socket, expectedMessages(socket).length), 2000).catch(() => undefined),
      ),
    );
    for (const [name, client] of clients) sim.observe(client.received, name);
    return { received: new Map([...clients].map(([name, client]) => [name, [...client.received]])), captured, sim };
  } finally {
    await Promise.all([...clients.values()].map((client) => client.close()));
  }
}

async function playSends(socket: CapturedSocket, client: EslTestClient, captured: UuidLabels, sim: UuidLabels, speed: number): Promise<void> {
  const start = Date.now();
  for (const send of socket.sends) {
    await client.waitForCount(spoken(socket, send.afterMessages), send.t / speed + 3000).catch(() => undefined);
    const wait = send.t / speed - (Date.now() - start);
    if (wait > 0) await sleep(wait);
    sim.observe(client.received, socket.name);
    client.send(captured.translate(send.text, sim));
  }
}

/** How many of the socket's first `count` captured messages the simulator sends too (it sends
 *  no CHANNEL_STATE, CHANNEL_EXECUTE, PLAYBACK_*, HEARTBEAT...): what a replayed command waits for. */
function spoken(socket: CapturedSocket, count: number): number {
  return socket.received.slice(0, count).filter((message) => message.event === undefined || MODELLED_EVENTS.has(header(message.event.headers, 'Event-Name') ?? '')).length;
}

/** The capture harness ended most sessions; FreeSWITCH's parting notice is only ours to expect
 *  after `exit`, a refused password, or an auth timeout. */
export function expectedMessages(socket: CapturedSocket): readonly EslMessage[] {
  const messages = socket.received;
  const last = messages.at(-1);
  if (last === undefined || contentType(last) !== 'text/disconnect-notice') return messages;
  const exited = socket.sends.some((send) => send.text.startsWith('exit'));
  const refused = messages.some((message) => header(message.headers, 'Reply-Text') === '-ERR invalid');
  const silent = socket.sends.length === 0;
  return exited || refused || silent ? messages : messages.slice(0, -1);
}
