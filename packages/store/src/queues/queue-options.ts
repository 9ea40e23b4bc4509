// The queues' names, prefixes and default job options, shared by producers and workers.
import type { DefaultJobOptions } from 'bullmq';
import { createKeyspace } from '../keys/keyspace.js';

/** One queue per node: the events of its forwards (from the listener, the worker, and timers). */
export const QUEUE_NAMES = ['forward'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The BullMQ prefix of a node's queues, `<prefix>:{q:<node>}`: all of a node's queue keys share one slot. */
export function queuePrefix(prefix: string, node: string): string {
  return createKeyspace(prefix).queuePrefix(node);
}

const HOUR_S = 60 * 60;

/**
 * Retries transient failures (Redis, ESL) with exponential backoff: 1 s, 2 s, 4 s, 8 s; a job that
 * still fails becomes the forward's give_up event (the caller gets the fallback).
 * Completed jobs are kept 24 h (so a redelivered id is still deduplicated for a day), failed ones
 * 7 days for inspection.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * HOUR_S, count: 100_000 },
  removeOnFail: { age: 7 * 24 * HOUR_S },
};
