import { z } from 'zod';

const WORKER_DEFAULTS = {
  concurrency: 200,
  originateTimeoutSeconds: 30,
  commandTimeoutMs: 5000,
  drainTimeoutMs: 30000,
  lockDurationMs: 5000,
  holdMs: 10000,
  bridgeTimeoutSeconds: 15,
  keepEndedForwardSeconds: 300,
  forwardCacheSize: 10000,
};

const wholeBetween = (min: number, max: number) =>
  z
    .int({ message: `must be a whole number from ${min} to ${max}` })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

/** Worker tuning; every field has a default. */
export const WorkerConfigSchema = z
  .strictObject({
    concurrency: wholeBetween(1, 10_000).default(WORKER_DEFAULTS.concurrency),
    originateTimeoutSeconds: wholeBetween(1, 600).default(WORKER_DEFAULTS.originateTimeoutSeconds),
    commandTimeoutMs: wholeBetween(100, 120_000).default(WORKER_DEFAULTS.commandTimeoutMs),
    drainTimeoutMs: wholeBetween(0, 3_600_000).default(WORKER_DEFAULTS.drainTimeoutMs),
    /**
     * How long a job stays locked to a worker that stopped answering; its job runs again on another
     * worker after this (to twice this). Jobs take milliseconds (none waits for a phone), so it is short.
     */
    lockDurationMs: wholeBetween(1_000, 600_000).default(WORKER_DEFAULTS.lockDurationMs),
    /** How long the listener holds a parked call while Redis is unreachable before the fallback. */
    holdMs: wholeBetween(0, 600_000).default(WORKER_DEFAULTS.holdMs),
    /** How long an answered leg may wait for its CHANNEL_BRIDGE before the caller gets the fallback. */
    bridgeTimeoutSeconds: wholeBetween(1, 120).default(WORKER_DEFAULTS.bridgeTimeoutSeconds),
    /**
     * How long a forward's document (its state and at-most-once markers) is kept in Redis once the
     * forward is over and every effect ran: longer than any redelivery of one of its jobs (retries,
     * a stalled job, a Redis outage), which then finds it over. Bounds Redis memory per forward.
     */
    keepEndedForwardSeconds: wholeBetween(1, 7 * 24 * 3600).default(WORKER_DEFAULTS.keepEndedForwardSeconds),
    /**
     * How many live forwards each worker process remembers as it stored them, so that their next
     * job needs no read of the document (the save's compare-and-set still checks it); 0: every job
     * reads. A few KB each; the least recently used go first.
     */
    forwardCacheSize: wholeBetween(0, 1_000_000).default(WORKER_DEFAULTS.forwardCacheSize),
  })
  .default(WORKER_DEFAULTS);

export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;
