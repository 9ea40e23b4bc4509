// Test support: a simulated node, an event-socket connection to it, a real Redis under a fresh
// prefix, a logger whose lines tests read as data. Never mocks.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { parseConfig, type Config } from '@callfwd/domain';
import {
  createNodeConnection,
  type ChannelEvent,
  type ChannelEventName,
  type NodeConnection,
} from '@callfwd/freeswitch';
import { createSimNode, type FarEndScript, type SimNode } from '@callfwd/fs-sim';
import { createRedis, redisSettingsFromUrl, type Queues } from '@callfwd/store';
import { createLogger, createMetrics, type Logger, type Metrics } from '@callfwd/telemetry';

export const PASSWORD = 'fs1-test-Secret-1';

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (url === undefined || url === '')
    throw new Error('REDIS_URL is not set: these tests need a real redis-server');
  return url;
}

/** A key prefix no other test uses. */
export function freshPrefix(): string {
  return `l${randomUUID().replaceAll('-', '').slice(0, 10)}`;
}

export async function startSim(farEnds: Record<string, FarEndScript> = {}): Promise<SimNode> {
  const sim = createSimNode({
    id: 'fs1',
    password: PASSWORD,
    farEnds,
    defaultFarEnd: { kind: 'answer', afterMs: 0 },
  });
  await sim.start();
  return sim;
}

/** A connected event socket to the node (subscribing to `events`, [] for commands only). */
export async function connect(
  sim: SimNode,
  log: Logger,
  events: readonly ChannelEventName[] = [],
  onEvent?: (e: ChannelEvent) => void,
): Promise<NodeConnection> {
  const conn = createNodeConnection({
    node: { id: sim.id, host: '127.0.0.1', port: sim.port, password: PASSWORD },
    events,
    logger: log,
    ...(onEvent === undefined ? {} : { onEvent }),
  });
  const up = new Promise<void>((resolve) => conn.once('up', resolve));
  conn.start();
  await up;
  return conn;
}

export function connectRedis(
  url = redisUrl(),
  prefix = freshPrefix(),
  role: 'command' | 'producer' = 'command',
) {
  return createRedis(redisSettingsFromUrl(url, prefix), role);
}

export interface Captured {
  readonly log: Logger;
  readonly lines: Record<string, unknown>[];
  readonly metrics: Metrics;
  /** Lines with this `msg`. */
  said(msg: string): Record<string, unknown>[];
}

export function captureLog(): Captured {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger({ role: 'test', level: 'debug', destination });
  return {
    log,
    lines,
    metrics: createMetrics({ defaultMetrics: false }),
    said: (msg) => lines.filter((l) => l.msg === msg),
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 8_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A TCP port nothing listens on (now). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A redis-server of the test's own (to start late or stop), ended with `stop()`. */
export interface OwnRedis {
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      child = started;
      const probe = connectRedis(`redis://127.0.0.1:${port}`);
      probe.on('error', () => undefined);
      await waitFor('the test redis-server', () =>
        probe.ping().then(
          () => true,
          () => false,
        ),
      );
      probe.disconnect();
    },
    async stop() {
      const running = child;
      child = undefined;
      if (running === undefined || running.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      await exited;
    },
  };
}

/** The config of these tests: one node, one PBX line whose account falls back to voicemail. */
export function listenerConfig(
  port: number,
  url: string,
  prefix: string,
  worker: Record<string, number> = {},
): Config {
  const parsed = parseConfig(
    {
      nodes: [{ id: 'fs1', host: '127.0.0.1', port, passwordEnv: 'CALLFWD_FS1_PASSWORD' }],
      redis: { mode: 'standalone', url, prefix },
      worker: {
        concurrency: 4,
        originateTimeoutSeconds: 20,
        commandTimeoutMs: 3000,
        drainTimeoutMs: 5000,
        ...worker,
      },
      recordings: { directory: '/tmp/callfwd-test-recordings' },
      tariffs: [
        {
          id: 'pln',
          currency: 'PLN',
          increment: '60/1',
          connectFee: 0,
          rates: [{ prefix: '48', perMinute: 20 }],
        },
      ],
      accounts: [
        {
          id: 'provider-a',
          name: 'PBX A provider',
          currency: 'PLN',
          tariff: 'pln',
          recordAllCalls: false,
          fallback: 'voicemail',
          openingBalance: 100000,
        },
      ],
      fallbacks: [{ id: 'voicemail', kind: 'transfer', extension: 'voicemail', context: 'default' }],
      lines: [
        {
          id: 'main',
          kind: 'main',
          name: 'Main number',
          number: '+48221000000',
          dial: 'sofia/gateway/platform/{number}',
          account: 'provider-a',
          diversion: false,
        },
        {
          id: 'pbx-a',
          kind: 'pbx',
          name: 'PBX A',
          number: '+48221110000',
          dial: 'sofia/gateway/pbx-a/{number}',
          account: 'provider-a',
          diversion: false,
        },
      ],
      employees: [
        {
          id: 'bob',
          name: 'Bob',
          connection: 'pbx-a',
          extensions: ['+48221110002'],
          target: '+48601000002',
          triggers: ['always'],
        },
      ],
    },
    { env: { CALLFWD_FS1_PASSWORD: PASSWORD } },
  );
  if (!parsed.ok)
    throw new Error(
      `test config invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return parsed.config;
}

/** Deletes every key under the prefix. */
export async function deleteKeys(redis: ReturnType<typeof connectRedis>, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

/** BullMQ prints a queue's connection errors unless someone listens: these tests expect them. */
export function quiet(queues: Queues, nodeIds: readonly string[] = ['fs1']): Queues {
  for (const node of nodeIds) queues.queue(node, 'forward').on('error', () => undefined);
  return queues;
}
