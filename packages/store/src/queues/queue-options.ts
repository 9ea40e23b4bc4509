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
 * Kept jobs are bounded for a high rate (a forward makes about eight jobs): completed jobs at most
 * 10 000 and 1 h, failed ones at most 50 000 and 7 days, for inspection. Deduplication does not
 * rest on kept jobs: an event delivered again after its job was removed is stepped once more and
 * changes nothing (the forward's document keeps the ids of the events it applied).
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: HOUR_S, count: 10_000 },
  removeOnFail: { age: 7 * 24 * HOUR_S, count: 50_000 },
};
