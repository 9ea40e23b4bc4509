// A worker's dependencies against a real Redis (REDIS_URL, a fresh prefix) and one simulated node.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { parseConfig, type Config, type ForwardEvent, type ForwardJob } from '@callfwd/domain';
import { createNodeConnection, type NodeConnection } from '@callfwd/freeswitch';
import { createSimNode, type SimNode } from '@callfwd/fs-sim';
import {
  createBridgedLegStore,
  createCallRecordStore,
  createForwardDocStore,
  createLedger,
  createQueues,
  createRecordingStore,
} from '@callfwd/store';
import { createLogger, createMetrics } from '@callfwd/telemetry';
import type { WorkerDeps } from '../../src/index.js';

const PASSWORD = 'worker-test-Secret-1';

export interface Harness {
  readonly deps: WorkerDeps;
  readonly sim: SimNode;
  readonly conn: NodeConnection;
  readonly redis: Redis;
  readonly prefix: string;
  readonly logs: Record<string, unknown>[];
  job(callUuid: string, event: ForwardEvent): ForwardJob;
  stop(): Promise<void>;
}

export function testConfig(port: number, redisUrl: string, prefix: string): Config {
  const parsed = parseConfig(
    {
      nodes: [{ id: 'fs1', host: '127.0.0.1', port, passwordEnv: 'FS1_PASSWORD' }],
      redis: { mode: 'standalone', url: redisUrl, prefix },
      tariffs: [{ id: 'eur', currency: 'EUR', increment: '60/60', connectFee: 0, rates: [{ prefix: '48', perMinute: 15 }] }],
      accounts: [{ id: 'platform', currency: 'EUR', tariff: 'eur', fallback: 'voicemail', openingBalance: 1000 }],
      fallbacks: [{ id: 'voicemail', kind: 'transfer', extension: 'voicemail', context: 'default' }],
      lines: [
        { id: 'main', kind: 'main', number: '+48221000000', dial: 'sofia/gateway/platform/{number}', account: 'platform' },
        { id: 'pbx-b', kind: 'pbx', number: '+48221120000', dial: 'sofia/gateway/pbx-b/{number}', account: 'platform' },
      ],
      employees: [{ id: 'anna', connection: 'pbx-b', extensions: ['+48221120001'], target: '+48601000001', triggers: ['always'] }],
    },
    { env: { FS1_PASSWORD: PASSWORD } },
  );
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return parsed.config;
}

export async function startHarness(): Promise<Harness> {
  const url = process.env.REDIS_URL;
  if (url === undefined || url === '') throw new Error('REDIS_URL is not set: the worker tests need a real redis-server (scripts/test starts one)');
  const sim = createSimNode({
    id: 'fs1',
    password: PASSWORD,
    gateways: { platform: 'up' },
    inboundContexts: { public: 'pbx-b' },
    defaultFarEnd: { kind: 'answer', afterMs: 60_000 },
  });
  await sim.start();
  const prefix = `w${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const config = testConfig(sim.port, url, prefix);
  const redis = new Redis(url);
  const logs: Record<string, unknown>[] = [];
  const log = createLogger({ role: 'worker-test', level: 'debug', destination: capture(logs) });
  const node = config.nodes[0]!;
  const conn = createNodeConnection({ node, events: [], logger: log, commandTimeoutMs: 3_000 });
  conn.start();
  for (let i = 0; i < 100 && !conn.isUp(); i++) await new Promise((r) => setTimeout(r, 20));
  const queues = createQueues(redis, { prefix, nodeIds: ['fs1'] });
  const ledger = createLedger(redis, prefix);
  await ledger.ensureAccount('platform', 1000);
  const deps: WorkerDeps = {
    config,
    nodes: new Map([['fs1', conn]]),
    ledger,
    docs: createForwardDocStore(redis, prefix),
    bridgedLegs: createBridgedLegStore(redis, prefix),
    records: createCallRecordStore(redis, prefix),
    recordings: createRecordingStore(redis, prefix),
    queues,
    forwardViaOverrides: () => Promise.resolve({}),
    log,
    metrics: createMetrics({ defaultMetrics: false }),
    now: () => Date.now(),
    newUuid: () => randomUUID(),
  };
  return {
    deps,
    sim,
    conn,
    redis,
    prefix,
    logs,
    job: (callUuid, event) => ({ v: 2, node: 'fs1', callUuid, event }),
    async stop() {
      await queues.close();
      await conn.stop();
      await sim.stop();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

function capture(into: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) into.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}
