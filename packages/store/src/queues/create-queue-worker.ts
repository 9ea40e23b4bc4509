// Workers' side of the queues: a BullMQ Worker on one node's `forward` queue.
import { Worker } from 'bullmq';
import type { Processor } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { queuePrefix } from './queue-options.js';
import type { QueueName } from './queue-options.js';

export interface QueueWorkerOptions<Data, Result> {
  /** A connection made with role 'worker' (maxRetriesPerRequest: null); BullMQ duplicates it to block on. */
  connection: Redis | Cluster;
  prefix: string;
  node: string;
  queue: QueueName;
  processor: Processor<Data, Result>;
  /** Jobs run at once by this worker. Default 10. */
  concurrency?: number;
  /** Default true; false to call worker.run() later. */
  autorun?: boolean;
  /**
   * How long a job stays locked to this worker without renewal (BullMQ renews it while the job
   * runs). A dead worker's jobs are picked up as stalled after about this long. Default 30 s.
   */
  lockDurationMs?: number;
}

export function createQueueWorker<Data = unknown, Result = unknown>(
  opts: QueueWorkerOptions<Data, Result>,
): Worker<Data, Result> {
  return new Worker<Data, Result>(opts.queue, opts.processor, {
    connection: opts.connection,
    prefix: queuePrefix(opts.prefix, opts.node),
    concurrency: opts.concurrency ?? 10,
    autorun: opts.autorun ?? true,
    lockDuration: opts.lockDurationMs ?? 30_000,
    stalledInterval: opts.lockDurationMs ?? 30_000,
    // A stalled job (its worker died) is run again, not failed: the forward document makes that safe.
    maxStalledCount: 10,
  });
}
