import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import type { CallRecord, Config, ConfigInput } from '@callfwd/domain';
import { createListener, type CallfwdListener } from '@callfwd/esl-listener';
import { createSimCluster, type FarEndScript, type PlaceCallInput, type SimCluster, type SimNode } from '@callfwd/fs-sim';
import { createCallRecordStore, createLedger, createRecordingStore, createSettingsStore } from '@callfwd/store';
import { createLogger, createMetrics, type Logger, type Metrics } from '@callfwd/telemetry';
import { createWorker, type CallfwdWorker } from '@callfwd/worker';
import { E2E_ENV, e2eConfigInput, parseE2eConfig } from './e2e-config.js';
import { freshPrefix, redisUrl } from './redis-url.js';
import { waitFor } from './wait-for.js';

export const GATEWAYS = ['platform', 'platform-backup', 'pbx-a', 'pbx-b', 'pbx-c', 'pbx-d', 'pbx-e'] as const;

export interface StackOptions {
  /** Sim seconds per real second: lets a 3-minute call take 1.8 s at 100. */
  clockRate?: number;
  farEnds?: Record<string, FarEndScript>;
  editConfig?: (input: ConfigInput) => void;
  /** Start the listener and worker in this process (default true). */
  apps?: boolean;
  /** With apps: also start a worker in this process (default true); false when the test runs worker processes. */
  worker?: boolean;
  /** The Redis to use instead of REDIS_URL (a fault test's own redis-server). */
  redisUrl?: string;
  listeners?: number;
}

export interface Stack {
  readonly config: Config;
  readonly configInput: ConfigInput;
  readonly sim: SimCluster;
  readonly redis: Redis;
  readonly prefix: string;
  readonly logs: Record<string, unknown>[];
  readonly metrics: Metrics;
  readonly listeners: CallfwdListener[];
  worker: CallfwdWorker | undefined;
  readonly ledger: ReturnType<typeof createLedger>;
  readonly records: ReturnType<typeof createCallRecordStore>;
  readonly recordings: ReturnType<typeof createRecordingStore>;
  readonly settings: ReturnType<typeof createSettingsStore>;
  node(id?: string): SimNode;
  placeCall(input: PlaceCallInput & { node?: string }): string;
  waitForRecord(callUuid: string, timeoutMs?: number): Promise<CallRecord>;
  originatesFor(callUuid: string, node?: string): ReturnType<SimNode['originates']>;
  commandsAbout(uuid: string, node?: string): string[];
  stop(): Promise<void>;
}

/** A FreeSWITCH simulator (two nodes), a real Redis under a fresh prefix, and callfwd's apps. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const clockRate = options.clockRate ?? 1;
  const gateways = Object.fromEntries(GATEWAYS.map((g) => [g, 'up' as const]));
  const sim = createSimCluster(
    (['fs1', 'fs2'] as const).map((id) => ({
      id,
      password: E2E_ENV[id === 'fs1' ? 'CALLFWD_FS1_PASSWORD' : 'CALLFWD_FS2_PASSWORD'] as string,
      clockRate,
      gateways,
      farEnds: options.farEnds ?? {},
      defaultFarEnd: { kind: 'answer', afterMs: 200, hangupAfterMs: 5_000 },
    })),
  );
  await sim.start();
  const prefix = freshPrefix('e2e');
  const url = options.redisUrl ?? redisUrl();
  const configInput = e2eConfigInput({ fs1: sim.node('fs1').port, fs2: sim.node('fs2').port }, url, prefix);
  options.editConfig?.(configInput);
  const config = parseE2eConfig(configInput);
  const redis = new Redis(url);
  const logs: Record<string, unknown>[] = [];
  const log = createLogger({ role: 'e2e', level: 'debug', destination: captureLines(logs) });
  const metrics = createMetrics({ defaultMetrics: false });
  const listeners: CallfwdListener[] = [];
  const stack: Stack = {
    config,
    configInput,
    sim,
    redis,
    prefix,
    logs,
    metrics,
    listeners,
    worker: undefined,
    ledger: createLedger(redis, prefix),
    records: createCallRecordStore(redis, prefix),
    recordings: createRecordingStore(redis, prefix),
    settings: createSettingsStore(redis, prefix),
    node: (id = 'fs1') => sim.node(id),
    placeCall(input) {
      const { node = 'fs1', ...call } = input;
      return sim.node(node).placeCall(call).uuid;
    },
    async waitForRecord(callUuid, timeoutMs = 15_000) {
      const found = await waitFor(`the call record of ${callUuid}`, () => stack.records.get(callUuid).then((r) => r ?? undefined), timeoutMs);
      return found as CallRecord;
    },
    originatesFor(callUuid, node = 'fs1') {
      return sim.node(node).originates().filter((o) => o.vars.some(([k, v]) => k === 'callfwd_parent' && v === callUuid));
    },
    commandsAbout(uuid, node = 'fs1') {
      return sim.node(node).commands().map((c) => c.raw).filter((raw) => raw.includes(uuid));
    },
    async stop() {
      await Promise.all(listeners.map((l) => l.drain(2_000)));
      await stack.worker?.drain(5_000);
      await sim.stop();
      const keys = await redis.keys(`${prefix}:*`);
      for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
      await redis.quit();
    },
  };
  if (options.apps ?? true) {
    for (let i = 0; i < (options.listeners ?? 1); i++) {
      const listener = createListener({ config, log: log.child({ app: `listener${i}` }), metrics });
      listener.start();
      listeners.push(listener);
    }
    if (options.worker ?? true) {
      stack.worker = createWorker({ config, log: log.child({ app: "worker" }), metrics });
      await stack.worker.start();
    }
    await waitFor('every app connected', () => {
      const all = [...listeners.map((l) => l.readiness()), ...(stack.worker ? [stack.worker.readiness()] : [])];
      return all.every((r) => Object.values(r).every(Boolean));
    });
  }
  return stack;
}

export function captureLines(into: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) into.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}

export type { Logger };
