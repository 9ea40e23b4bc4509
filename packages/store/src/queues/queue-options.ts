// The queues' names, prefixes and default job options, shared by producers and workers.
import type { DefaultJobOptions } from 'bullmq';
import { createKeyspace } from '../keys/keyspace.js';

export const QUEUE_NAMES = ['bridge', 'settle'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The BullMQ prefix of a node's queues, `<prefix>:{q:<node>}`: all of a node's queue keys share one slot. */
export function queuePrefix(prefix: string, node: string): string {
  return createKeyspace(prefix).queuePrefix(node);
}

const HOUR_S = 60 * 60;

/**
 * Retries transient failures (Redis, ESL) with exponential backoff: 1 s, 2 s, 4 s, 8 s.
 * Completed jobs are kept 24 h (so a redelivered id is still deduplicated for as long as the
 * job state lives), failed ones 7 days for inspection.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * HOUR_S, count: 100_000 },
  removeOnFail: { age: 7 * 24 * HOUR_S },
};

/** The job id of a forward's bridge job: the same call on the same node always gives the same id. */
export function bridgeJobId(node: string, callUuid: string): string {
  return `bridge-${node}-${callUuid}`;
}

/** The job id of a forwarded leg's settle job. */
export function settleJobId(node: string, legUuid: string): string {
  return `settle-${node}-${legUuid}`;
}
