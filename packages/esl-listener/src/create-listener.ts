import type { Config } from '@callfwd/domain';
import type { ChannelEvent, ChannelEventName, NodeConnection } from '@callfwd/freeswitch';
import {
  createBridgedLegStore,
  createForwardDocStore,
  createQueues,
  createRedis,
  watchRedis,
  type RedisSettings,
} from '@callfwd/store';
import type { Logger, Metrics } from '@callfwd/telemetry';
import { forwardJobFromEvent } from './events/forward-job-from-event.js';
import { createJobAdder } from './jobs/create-job-adder.js';
import { sendToFallback } from './jobs/send-to-fallback.js';
import { createBacklogSampler } from './metrics/create-backlog-sampler.js';
import { createNodeConnections } from './nodes/create-node-connections.js';
import { createResync } from './resync/create-resync.js';

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

const STOP_GRACE_MS = 1_000;

/** The events a forward is stepped by; BACKGROUND_JOB carries the originates' results. */
export const LISTENER_EVENTS: readonly ChannelEventName[] = [
  'CHANNEL_PARK',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_ANSWER',
  'CHANNEL_BRIDGE',
  'CHANNEL_HANGUP_COMPLETE',
  'BACKGROUND_JOB',
];

/**
 * Builds the listener app: one event-socket connection per node; every event that matters to a
 * forward becomes one event job on the node's `forward` queue, and each (re)connect is followed by
 * a resync. Event handling is synchronous and cheap; adding jobs runs beside it, so the node's
 * event queue never backs up.
 */
export function createListener(options: ListenerOptions): CallfwdListener {
  const { config, log, metrics } = options;
  const settings = { ...config.redis, prefix: config.redis.prefix } as RedisSettings;
  const redis = createRedis(settings, 'producer');
  const nodeIds = config.nodes.map((n) => n.id);
  const queues = createQueues(redis, { prefix: config.redis.prefix, nodeIds });
  // The connection's errors are logged once, by watchRedis; BullMQ would print them again per queue.
  for (const node of nodeIds) queues.queue(node, 'forward').on('error', () => undefined);
  const redisWatch = watchRedis(redis, {
    onChange: (up) => metrics.redisConnected.set(up ? 1 : 0),
    onError: (err) => log.warn({ err: err.message }, 'redis connection error'),
  });
  const adder = createJobAdder({
    queues,
    log,
    metrics,
    holdMs: options.holdMs ?? config.worker.holdMs,
    onHoldExpired: (conn, call) => sendToFallback({ config, log, metrics }, conn, call),
  });
  const resync = createResync({
    bridgedLegs: createBridgedLegStore(redis, config.redis.prefix),
    docs: createForwardDocStore(redis, config.redis.prefix),
    adder,
    log,
    startedAt: Date.now(),
  });
  const backlog = createBacklogSampler({ queues, nodeIds, metrics, log, isRedisUp: () => redisWatch.isUp() });

  const onEvent = (conn: NodeConnection, event: ChannelEvent) => {
    const j = forwardJobFromEvent(event);
    if (j.kind === 'none') return;
    if (j.kind === 'invalid') {
      metrics.eslMalformedEvents.inc({ node: conn.nodeId });
      log.warn({ node: conn.nodeId, error: j.error, event: event.name }, 'event does not make a valid job');
      return;
    }
    if (j.job.event.kind === 'leg_hung_up') resync.sawLegHangup(conn.nodeId, j.job.event.legUuid);
    void adder.add(conn, j);
  };

  const nodes = createNodeConnections({
    config,
    log,
    metrics,
    events: LISTENER_EVENTS,
    onEvent,
    onUp: (conn) => resync.connected(conn),
    onDown: (conn) => resync.disconnected(conn.nodeId),
  });

  return {
    start() {
      nodes.start();
      backlog.start();
      log.info({ nodes: nodeIds }, 'listener started');
    },
    async drain(deadlineMs) {
      backlog.stop();
      log.info({ deadlineMs, pending: adder.pending() }, 'draining listener');
      await nodes.stop();
      await resync.stop();
      const finished = await adder.settle(deadlineMs);
      // Jobs still waiting for Redis are given up (logged); their loops end at once.
      adder.stop();
      await adder.settle(STOP_GRACE_MS);
      await queues.close();
      // quit() needs a live connection: with Redis down the client would go on reconnecting.
      if (redisWatch.isUp()) await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
      log.info({ finished }, 'listener stopped');
      return { finished };
    },
    readiness() {
      return { redis: redisWatch.isUp(), ...nodes.readiness() };
    },
  };
}
