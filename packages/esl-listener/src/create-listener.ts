import { planFallback, type Config } from '@callfwd/domain';
import { createNodeConnection, type ChannelEvent, type NodeConnection } from '@callfwd/freeswitch';
import { createJobStateStore, createQueues, createRedis, watchRedis, type Queues, type RedisSettings } from '@callfwd/store';
import type { Logger, Metrics } from '@callfwd/telemetry';
import { jobFromEvent, type JobFromEvent } from './event-to-job.js';
import { resyncParkedCalls } from './resync-parked-calls.js';
import { settleUnseenHangups } from './settle-unseen-hangups.js';

export interface ListenerOptions {
  config: Config;
  log: Logger;
  metrics: Metrics;
  /**
   * How long a parked call may wait for Redis to take its job (Redis down, failing over) before
   * the caller gets the fallback instead. Default config.worker.holdMs.
   */
  holdMs?: number;
}

export interface CallfwdListener {
  start(): void;
  /** Stops listening, lets jobs being added finish within `deadlineMs`, closes everything. */
  drain(deadlineMs: number): Promise<{ finished: boolean }>;
  readiness(): Record<string, boolean>;
}

const EVENTS = ['CHANNEL_PARK', 'CHANNEL_HANGUP_COMPLETE'] as const;
const BACKLOG_SAMPLE_MS = 5_000;

/**
 * Builds the listener app: one event-socket connection per node; a parked, tagged call becomes
 * one `bridge` job and a forwarded leg's hangup one `settle` job. Event handling is synchronous
 * and cheap; adding jobs runs beside it, so the node's event queue never backs up.
 */
export function createListener(options: ListenerOptions): CallfwdListener {
  const { config, log, metrics } = options;
  const holdMs = options.holdMs ?? config.worker.holdMs;
  const settings = { ...config.redis, prefix: config.redis.prefix } as RedisSettings;
  const redis = createRedis(settings, 'producer');
  const queues: Queues = createQueues(redis, { prefix: config.redis.prefix, nodeIds: config.nodes.map((n) => n.id) });
  const jobState = createJobStateStore(redis, config.redis.prefix);
  const connections = new Map<string, NodeConnection>();
  const startedAt = Date.now();
  /** Per node: when its events stopped flowing, and the forwarded legs' hangups seen since they flow again. */
  const lostAt = new Map<string, number>();
  const seenHangups = new Map<string, Set<string>>();
  const pending = new Set<Promise<void>>();
  const redisWatch = watchRedis(redis, {
    onChange: (up) => metrics.redisConnected.set(up ? 1 : 0),
    onError: (err) => log.warn({ err: err.message }, 'redis connection error'),
  });
  let stopping = false;

  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  /**
   * A call the resync finds still parked whose bridge job already failed (its node was away or too
   * slow for all of the job's retries) would wait forever: the job id is taken. Run it again.
   */
  const reviveFailed = async (node: string, jobId: string): Promise<void> => {
    const job = await queues.queue(node, 'bridge').getJob(jobId);
    if (job === undefined || !(await job.isFailed())) return;
    await job.retry('failed', { resetAttemptsMade: true });
    log.info({ node, jobId, failedReason: job.failedReason }, 'resync: failed bridge job of a parked call run again');
  };

  const enqueue = async (conn: NodeConnection, j: JobFromEvent, fromResync = false): Promise<void> => {
    if (j.kind !== 'bridge' && j.kind !== 'settle') return;
    const queue = j.kind;
    const deadline = Date.now() + holdMs;
    for (let attempt = 0; ; attempt++) {
      try {
        if (queue === 'bridge') await queues.addBridgeJob(j.job.node, j.jobId, j.job);
        else await queues.addSettleJob(j.job.node, j.jobId, j.job);
        if (queue === 'bridge' && fromResync) await reviveFailed(j.job.node, j.jobId);
        metrics.jobsAdded.inc({ queue });
        return;
      } catch (err) {
        // A caller waits on a bridge job: bounded hold, then the fallback. A settle job is a leg that
        // already ended: no one waits, and dropping it would lose the charge and the record; keep it.
        const giveUp = stopping || (queue === 'bridge' && Date.now() >= deadline);
        if (queue === 'settle' && !giveUp && Date.now() >= deadline && attempt % 10 === 0) {
          log.warn({ err: (err as Error).message, jobId: j.jobId, node: j.job.node }, 'settle job waiting for redis');
        }
        if (giveUp) {
          log.error({ err: (err as Error).message, jobId: j.jobId, node: j.job.node, callUuid: j.job.callUuid }, 'job could not be added');
          if (queue === 'bridge') await giveFallback(conn, j.job.connection, j.job.callUuid);
          return;
        }
        await sleep(Math.min(2_000, 100 * 2 ** attempt));
      }
    }
  };

  /** Redis stayed down for the whole hold: the caller gets the fallback rather than waiting forever. */
  const giveFallback = async (conn: NodeConnection, connection: string, callUuid: string) => {
    const plan = planFallback(config, connection);
    const reply = await conn.transfer(callUuid, plan).catch((err: unknown) => ({ ok: false as const, error: String(err) }));
    metrics.forwardOutcomes.inc({ outcome: 'failed' });
    log.warn({ node: conn.nodeId, callUuid, fallback: plan.fallback, ok: reply.ok }, 'redis unavailable: caller sent to the fallback');
  };

  const onEvent = (conn: NodeConnection, event: ChannelEvent) => {
    metrics.eslEvents.inc({ node: conn.nodeId, event: event.name });
    const j = jobFromEvent(event);
    if (j.kind === 'settle') seenHangups.get(conn.nodeId)?.add(j.job.legUuid);
    if (j.kind === 'none') return;
    if (j.kind === 'invalid') {
      metrics.eslMalformedEvents.inc({ node: conn.nodeId });
      log.warn({ node: conn.nodeId, error: j.error, event: event.name }, 'event does not make a valid job');
      return;
    }
    track(enqueue(conn, j));
  };

  for (const node of config.nodes) {
    const conn: NodeConnection = createNodeConnection({
      node,
      events: EVENTS,
      logger: log.child({ node: node.id, component: 'esl' }),
      commandTimeoutMs: config.worker.commandTimeoutMs,
      onEvent: (event) => onEvent(conn, event),
    });
    conn.on('up', () => {
      metrics.nodeConnected.set({ node: node.id, role: 'listener' }, 1);
      const seen = new Set<string>();
      seenHangups.set(node.id, seen);
      const since = lostAt.get(node.id) ?? startedAt;
      track(
        resyncParkedCalls(conn, log.child({ node: node.id }))
          .then(async (jobs) => {
            for (const j of jobs) await enqueue(conn, j, true);
            for (const j of await settleUnseenHangups(conn, jobState, since, seen, log.child({ node: node.id }))) await enqueue(conn, j);
          })
          .catch((err: unknown) => log.warn({ err, node: node.id }, 'resync failed')),
      );
    });
    conn.on('down', (info) => {
      lostAt.set(node.id, Date.now());
      seenHangups.delete(node.id);
      metrics.nodeConnected.set({ node: node.id, role: 'listener' }, 0);
      log.warn({ node: node.id, reason: info.reason, detail: info.detail }, 'node down');
    });
    conn.on('malformed', (info) => {
      metrics.eslMalformedEvents.inc({ node: node.id });
      log.warn({ node: node.id, reason: info.reason }, 'malformed event');
    });
    connections.set(node.id, conn);
  }

  /** The backlog gauge ops alert on: jobs waiting per node queue, sampled every few seconds. */
  const sampleBacklog = async () => {
    const counts = await queues.queueCounts();
    for (const c of counts) metrics.queueWaiting.set({ queue: `${c.node}/${c.queue}` }, c.waiting + c.delayed);
  };
  let backlogTimer: NodeJS.Timeout | undefined;

  return {
    start() {
      for (const conn of connections.values()) conn.start();
      backlogTimer = setInterval(() => {
        if (redisWatch.isUp()) sampleBacklog().catch((err: unknown) => log.debug({ err }, 'backlog sample failed'));
      }, BACKLOG_SAMPLE_MS);
      backlogTimer.unref();
      log.info({ nodes: config.nodes.map((n) => n.id) }, 'listener started');
    },
    async drain(deadlineMs) {
      stopping = true;
      clearInterval(backlogTimer);
      log.info({ deadlineMs, pending: pending.size }, 'draining listener');
      await Promise.all([...connections.values()].map((c) => c.stop()));
      const finished = await Promise.race([
        Promise.all([...pending]).then(() => true),
        sleep(deadlineMs).then(() => false),
      ]);
      await queues.close();
      await redis.quit().catch(() => undefined);
      log.info({ finished }, 'listener stopped');
      return { finished };
    },
    readiness() {
      const checks: Record<string, boolean> = { redis: redisWatch.isUp() };
      for (const [id, conn] of connections) checks[`node:${id}`] = conn.isUp();
      return checks;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
