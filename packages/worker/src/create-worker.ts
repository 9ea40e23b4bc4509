import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { forwardJobId, parseForwardJob, type Config, type Employee, type ForwardEvent, type Line } from '@callfwd/domain';
import { createNodeConnection, type NodeConnection } from '@callfwd/freeswitch';
import {
  createBridgedLegStore,
  createCallRecordStore,
  createEmployeeCache,
  createEmployeeStore,
  createForwardDocStore,
  createLedger,
  createLineCache,
  createLineStore,
  createQueues,
  createQueueWorker,
  createRecordingStore,
  createRecordsOutbox,
  createRedis,
  createSettingsStore,
  type RedisSettings,
  watchRedis,
} from '@callfwd/store';
import type { Logger, Metrics } from '@callfwd/telemetry';
import { processForwardJob } from './forward/process-forward-job.js';
import { createForwardCache } from './forward/forward-cache.js';
import { rideOutRedisOutage } from './forward/ride-out-redis-outage.js';
import { createCachedReader } from './node/cached-reader.js';
import { createTimerPump } from './timers/timer-pump.js';
import type { WorkerDeps } from './worker-deps.js';

export interface WorkerOptions {
  config: Config;
  log: Logger;
  metrics: Metrics;
  /** Jobs run at once per node queue; default config.worker.concurrency. */
  concurrency?: number;
  /** BullMQ lock: a dead worker's job is run again after this. Default config.worker.lockDurationMs. */
  lockDurationMs?: number;
}

export interface CallfwdWorker {
  start(): Promise<void>;
  /** Stops taking jobs, lets jobs in flight finish within `deadlineMs`, then closes everything. */
  drain(deadlineMs: number): Promise<{ finished: boolean }>;
  readiness(): Record<string, boolean>;
}

const OVERRIDES_TTL_MS = 1_000;
/** How often each node's timer set is read: a timer (ring, bridge, renewal, deadline) fires at most this late. */
const TIMER_POLL_MS = 200;
/** A change of the live employees or lines reaches every worker within this. */
const EMPLOYEES_REFRESH_MS = 500;

/** The live set; the config file's until the store was first seeded (by `callfwd run`). */
function liveEmployees(cache: { employees(): Promise<readonly Employee[]>; loadedVersion(): number }, config: Config) {
  return async (): Promise<readonly Employee[]> => {
    const live = await cache.employees();
    return cache.loadedVersion() > 0 ? live : config.employees;
  };
}
/** The live lines; the config file's until the store was first seeded (by `callfwd run`). */
function liveLines(cache: { lines(): Promise<readonly Line[]>; loadedVersion(): number }, config: Config) {
  return async (): Promise<readonly Line[]> => {
    const live = await cache.lines();
    return cache.loadedVersion() > 0 ? live : config.lines;
  };
}
const QUEUE = 'forward' as const;

/** With PostgreSQL: the debit log in Redis is a bounded recent view (the journal is in PostgreSQL). */
function ledgerOptions(config: Config): { journal?: { currency: (account: string) => string } } {
  if (config.postgres === undefined) return {};
  const currencies = new Map(config.accounts.map((a) => [a.id, a.currency]));
  return { journal: { currency: (account) => currencies.get(account) ?? 'XXX' } };
}
/** A job waits this long for Redis to come back before it fails (and its retries begin). */
const REDIS_OUTAGE_WAIT_MS = 30_000;

/**
 * Builds the worker app: a command-only connection to every node (no event stream: the listener
 * turns events into jobs), the Redis stores, and one BullMQ worker per node's `forward` queue. No
 * job waits for a phone, so a few slots carry many ringing calls.
 */
export function createWorker(options: WorkerOptions): CallfwdWorker {
  const { config, log, metrics } = options;
  const prefix = config.redis.prefix;
  const settings: RedisSettings = { ...config.redis, prefix };
  const redis = createRedis(settings, 'worker');
  const commands = createRedis(settings, 'command');
  const lockDurationMs = options.lockDurationMs ?? config.worker.lockDurationMs;
  const connections = new Map<string, NodeConnection>();
  for (const node of config.nodes) {
    const conn = createNodeConnection({
      node,
      events: [],
      logger: log.child({ node: node.id, component: 'esl' }),
      commandTimeoutMs: config.worker.commandTimeoutMs,
    });
    conn.on('up', () => metrics.nodeConnected.set({ node: node.id, role: 'worker' }, 1));
    conn.on('down', () => metrics.nodeConnected.set({ node: node.id, role: 'worker' }, 0));
    connections.set(node.id, conn);
  }
  const settingsStore = createSettingsStore(commands, prefix);
  const queues = createQueues(commands, { prefix, nodeIds: config.nodes.map((n) => n.id) });
  const deps: WorkerDeps = {
    config,
    nodes: connections,
    ledger: createLedger(commands, prefix, ledgerOptions(config)),
    docs: createForwardDocStore(commands, prefix, { endedTtlMs: config.worker.keepEndedForwardSeconds * 1000 }),
    forwards: createForwardCache(config.worker.forwardCacheSize),
    bridgedLegs: createBridgedLegStore(commands, prefix),
    records: createCallRecordStore(commands, prefix),
    recordings: createRecordingStore(commands, prefix),
    ...(config.postgres === undefined ? {} : { recordsOutbox: createRecordsOutbox(commands, prefix) }),
    queues,
    forwardViaOverrides: createCachedReader(() => settingsStore.getForwardViaOverrides(), OVERRIDES_TTL_MS),
    employees: liveEmployees(createEmployeeCache(createEmployeeStore(commands, prefix), { refreshMs: EMPLOYEES_REFRESH_MS }), config),
    lines: liveLines(createLineCache(createLineStore(commands, prefix), { refreshMs: EMPLOYEES_REFRESH_MS }), config),
    log,
    metrics,
    now: () => Date.now(),
    newUuid: () => randomUUID(),
  };
  const timerPump = createTimerPump({
    nodes: config.nodes.map((n) => n.id),
    docs: deps.docs,
    queues,
    log: log.child({ component: 'timers' }),
    pollMs: TIMER_POLL_MS,
    // As long as a job's lock: a worker that died holding a claim is past it by the time its jobs are found stalled.
    leaseMs: lockDurationMs,
  });
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const workers: Worker[] = [];
  const onError = (err: Error) => log.warn({ err: err.message }, 'redis connection error');
  const redisWatch = watchRedis(redis, { onChange: (up) => metrics.redisConnected.set(up ? 1 : 0), onError });
  const commandsWatch = watchRedis(commands, { onError });

  /** A job that failed for good becomes the forward's give_up event: the caller gets an end, not a log line. */
  const giveUp = async (job: Job, reason: string) => {
    const parsed = parseForwardJob(job.data);
    if (!parsed.ok || parsed.job.event.kind === 'give_up') return;
    const { node, callUuid } = parsed.job;
    const event: ForwardEvent = { kind: 'give_up', reason: reason.slice(0, 256) };
    await queues.addForwardJob(node, forwardJobId(node, callUuid, event), { v: 2, node, callUuid, event });
  };

  const makeWorker = (node: string) => {
    const worker = createQueueWorker({
      connection: redis,
      prefix,
      node,
      queue: QUEUE,
      concurrency: options.concurrency ?? config.worker.concurrency,
      lockDurationMs,
      autorun: false,
      processor: (job: Job) =>
        rideOutRedisOutage(() => processForwardJob(deps, job.data, job.id ?? 'unknown'), {
          isRedisUp: () => commandsWatch.isUp(),
          maxWaitMs: REDIS_OUTAGE_WAIT_MS,
          log: log.child({ node, jobId: job.id }),
        }),
    });
    worker.on('completed', () => metrics.jobsCompleted.inc({ queue: QUEUE }));
    worker.on('failed', (job, err) => {
      const retrying = job !== undefined && !(err instanceof UnrecoverableError) && job.attemptsMade < (job.opts.attempts ?? 1);
      if (retrying) metrics.jobsRetried.inc({ queue: QUEUE });
      else metrics.jobsFailed.inc({ queue: QUEUE });
      log.warn({ node, jobId: job?.id, err: err.message, retrying }, 'job failed');
      if (!retrying && job !== undefined) {
        rideOutRedisOutage(() => giveUp(job, err.message), { isRedisUp: () => commandsWatch.isUp(), maxWaitMs: REDIS_OUTAGE_WAIT_MS, log }).catch((e: unknown) =>
          log.error({ err: e, jobId: job.id }, 'could not add the give-up event'),
        );
      }
    });
    worker.on('error', (err) => log.error({ err: err.message, node }, 'queue worker error'));
    return worker;
  };

  return {
    async start() {
      for (const conn of connections.values()) conn.start();
      await Promise.all(config.accounts.map((a) => deps.ledger.ensureAccount(a.id, a.openingBalance)));
      for (const node of config.nodes) {
        const worker = makeWorker(node.id);
        workers.push(worker);
        worker.run().catch((err: unknown) => log.error({ err }, 'queue worker stopped'));
      }
      timerPump.start();
      log.info({ nodes: config.nodes.map((n) => n.id), workerId }, 'worker started');
    },
    async drain(deadlineMs) {
      log.info({ deadlineMs }, 'draining: no new jobs; finishing jobs in flight');
      await timerPump.stop();
      const closing = Promise.all(workers.map((w) => w.close()));
      const finished = await Promise.race([
        closing.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), deadlineMs).unref()),
      ]);
      if (!finished) {
        log.warn('drain deadline passed: closing with jobs in flight (they run again on another worker)');
        await Promise.all(workers.map((w) => w.close(true)));
      }
      await Promise.all([...connections.values()].map((c) => c.stop()));
      await queues.close();
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
