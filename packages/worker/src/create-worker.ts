import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Config } from '@callfwd/domain';
import { createNodeConnection, type NodeConnection } from '@callfwd/freeswitch';
import {
  createCallRecordStore,
  createJobStateStore,
  createLedger,
  createQueueWorker,
  createRecordingStore,
  createRedis,
  createSettingsStore,
  type QueueName,
  type RedisSettings,
  watchRedis,
} from '@callfwd/store';
import type { Logger, Metrics } from '@callfwd/telemetry';
import { processBridge } from './bridge/process-bridge.js';
import { createCallerWatch } from './node/caller-watch.js';
import { createCachedReader } from './node/cached-reader.js';
import { processSettle } from './settle/process-settle.js';
import type { WorkerDeps } from './worker-deps.js';

export interface WorkerOptions {
  config: Config;
  log: Logger;
  metrics: Metrics;
  /** Jobs run at once per queue; default config.worker.concurrency. */
  concurrency?: number;
  /** BullMQ lock and forward lease; a dead worker's jobs are resumed after this. Default config.worker.lockDurationMs. */
  lockDurationMs?: number;
}

export interface CallfwdWorker {
  start(): Promise<void>;
  /** Stops taking jobs, lets jobs in flight finish within `deadlineMs`, then closes everything. */
  drain(deadlineMs: number): Promise<{ finished: boolean }>;
  readiness(): Record<string, boolean>;
}

const OVERRIDES_TTL_MS = 1_000;

/** Builds the worker app: node connections, Redis stores and one BullMQ worker per node queue. */
export function createWorker(options: WorkerOptions): CallfwdWorker {
  const { config, log, metrics } = options;
  const prefix = config.redis.prefix;
  const settings: RedisSettings = { ...config.redis, prefix };
  const redis = createRedis(settings, 'worker');
  const commands = createRedis(settings, 'command');
  const callerWatch = createCallerWatch();
  const lockDurationMs = options.lockDurationMs ?? config.worker.lockDurationMs;
  const connections = new Map<string, NodeConnection>();
  for (const node of config.nodes) {
    const conn = createNodeConnection({
      node,
      events: ['CHANNEL_HANGUP'],
      logger: log.child({ node: node.id, component: 'esl' }),
      commandTimeoutMs: config.worker.commandTimeoutMs,
      onEvent: (event) => {
        if (event.name === 'CHANNEL_HANGUP') callerWatch.noteHangup(node.id, event.uuid, event.hangupCause);
      },
    });
    conn.on('up', () => metrics.nodeConnected.set({ node: node.id, role: 'worker' }, 1));
    conn.on('down', () => metrics.nodeConnected.set({ node: node.id, role: 'worker' }, 0));
    connections.set(node.id, conn);
  }
  const settingsStore = createSettingsStore(commands, prefix);
  const deps: WorkerDeps = {
    config,
    nodes: connections,
    ledger: createLedger(commands, prefix),
    jobState: createJobStateStore(commands, prefix),
    records: createCallRecordStore(commands, prefix),
    recordings: createRecordingStore(commands, prefix),
    settings: settingsStore,
    forwardViaOverrides: createCachedReader(() => settingsStore.getForwardViaOverrides(), OVERRIDES_TTL_MS),
    callerWatch,
    log,
    metrics,
    now: () => Date.now(),
    newUuid: () => randomUUID(),
    workerId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs: lockDurationMs,
  };
  const workers: Worker[] = [];
  const onError = (err: Error) => log.warn({ err: err.message }, 'redis connection error');
  const redisWatch = watchRedis(redis, { onChange: (up) => metrics.redisConnected.set(up ? 1 : 0), onError });
  const commandsWatch = watchRedis(commands, { onError });

  const makeWorker = (node: string, queue: QueueName) => {
    const worker = createQueueWorker({
      connection: redis,
      prefix,
      node,
      queue,
      concurrency: options.concurrency ?? config.worker.concurrency,
      lockDurationMs,
      autorun: false,
      processor: (job: Job) => {
        const id = job.id ?? 'unknown';
        return queue === 'bridge' ? processBridge(deps, job.data, id) : processSettle(deps, job.data, id);
      },
    });
    worker.on('completed', () => metrics.jobsCompleted.inc({ queue }));
    worker.on('failed', (job, err) => {
      const retrying = job !== undefined && !(err instanceof UnrecoverableError) && job.attemptsMade < (job.opts.attempts ?? 1);
      if (retrying) metrics.jobsRetried.inc({ queue });
      else metrics.jobsFailed.inc({ queue });
      log.warn({ node, queue, jobId: job?.id, err: err.message, retrying }, 'job failed');
    });
    worker.on('error', (err) => log.error({ err: err.message, node, queue }, 'queue worker error'));
    return worker;
  };

  return {
    async start() {
      for (const conn of connections.values()) conn.start();
      await Promise.all(config.accounts.map((a) => deps.ledger.ensureAccount(a.id, a.openingBalance)));
      for (const node of config.nodes) {
        for (const queue of ['bridge', 'settle'] as const) {
          const worker = makeWorker(node.id, queue);
          workers.push(worker);
          worker.run().catch((err: unknown) => log.error({ err }, 'queue worker stopped'));
        }
      }
      log.info({ nodes: config.nodes.map((n) => n.id), workerId: deps.workerId }, 'worker started');
    },
    async drain(deadlineMs) {
      log.info({ deadlineMs }, 'draining: no new jobs; finishing jobs in flight');
      const closing = Promise.all(workers.map((w) => w.close()));
      const finished = await Promise.race([
        closing.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), deadlineMs).unref()),
      ]);
      if (!finished) {
        log.warn('drain deadline passed: closing with jobs in flight (they are resumed by another worker)');
        await Promise.all(workers.map((w) => w.close(true)));
      }
      await Promise.all([...connections.values()].map((c) => c.stop()));
      await Promise.all([redis.quit().catch(() => undefined), commands.quit().catch(() => undefined)]);
      log.info({ finished }, 'worker stopped');
      return { finished };
    },
    readiness() {
      const checks: Record<string, boolean> = { redis: redisWatch.isUp() && commandsWatch.isUp() };
      for (const [id, conn] of connections) checks[`node:${id}`] = conn.isUp();
      return checks;
    },
  };
}
