// Producers' side of the queues: one `forward` BullMQ queue per FreeSWITCH node (the events of its forwards).
import { Queue } from 'bullmq';
import type { DefaultJobOptions } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, QUEUE_NAMES, queuePrefix } from './queue-options.js';
import type { QueueName } from './queue-options.js';

export interface QueuesOptions {
  prefix: string;
  nodeIds: readonly string[];
  defaultJobOptions?: DefaultJobOptions;
}

export interface QueueCounts {
  node: string;
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface Queues {
  queue(node: string, name: QueueName): Queue;
  /**
   * Adds one event of a forward (the node's `forward` queue) unless a job with this id exists
   * (adding an id twice makes one job; returns the id);
   * `delayMs` makes it run no earlier than that (the forward's own timers are the timer set's:
   * ForwardDocStore.claimDueTimers).
   */
  addForwardJob(node: string, jobId: string, data: object, opts?: { delayMs?: number }): Promise<string>;
  queueCounts(): Promise<QueueCounts[]>;
  /** Closes the queues (not the connection, which the caller owns). */
  close(): Promise<void>;
}

function assertJobId(jobId: string): void {
  // BullMQ refuses ids with ':' and ids that read as integers.
  if (jobId === '' || jobId.includes(':') || `${Number.parseInt(jobId, 10)}` === jobId) {
    throw new RangeError(`invalid job id ${JSON.stringify(jobId)}: no ':' and not an integer`);
  }
}

export function createQueues(connection: Redis | Cluster, opts: QueuesOptions): Queues {
  const defaultJobOptions = opts.defaultJobOptions ?? DEFAULT_JOB_OPTIONS;
  const queues = new Map<string, Queue>();
  for (const node of opts.nodeIds) {
    for (const name of QUEUE_NAMES) {
      queues.set(
        `${node}/${name}`,
        new Queue(name, { connection, prefix: queuePrefix(opts.prefix, node), defaultJobOptions }),
      );
    }
  }

  function queue(node: string, name: QueueName): Queue {
    const found = queues.get(`${node}/${name}`);
    if (found === undefined) throw new RangeError(`no ${name} queue for node ${node}: it is not in nodeIds`);
    return found;
  }

  async function add(node: string, name: QueueName, jobId: string, data: object, delayMs = 0): Promise<string> {
    assertJobId(jobId);
    if (!Number.isSafeInteger(delayMs) || delayMs < 0) throw new RangeError(`delayMs must be an integer >= 0, got ${delayMs}`);
    const job = await queue(node, name).add(name, data, delayMs > 0 ? { jobId, delay: delayMs } : { jobId });
    return job.id ?? jobId;
  }

  return {
    queue,
    addForwardJob: (node, jobId, data, o = {}) => add(node, 'forward', jobId, data, o.delayMs ?? 0),

    async queueCounts() {
      return Promise.all(
        opts.nodeIds.flatMap((node) =>
          QUEUE_NAMES.map(async (name) => {
            const counts = await queue(node, name).getJobCounts(
              'waiting',
              'active',
              'delayed',
              'failed',
              'completed',
            );
            return {
              node,
              queue: name,
              waiting: counts.waiting ?? 0,
              active: counts.active ?? 0,
              delayed: counts.delayed ?? 0,
              failed: counts.failed ?? 0,
              completed: counts.completed ?? 0,
            };
          }),
        ),
      );
    },

    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
