// Producers' side of the queues: one `bridge` and one `settle` BullMQ queue per FreeSWITCH node.
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
  /** Adds the job unless one with this id exists: adding an id twice makes one job. Returns the id. */
  addBridgeJob(node: string, jobId: string, data: object): Promise<string>;
  addSettleJob(node: string, jobId: string, data: object): Promise<string>;
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

  async function add(node: string, name: QueueName, jobId: string, data: object): Promise<string> {
    assertJobId(jobId);
    const job = await queue(node, name).add(name, data, { jobId });
    return job.id ?? jobId;
  }

  return {
    queue,
    addBridgeJob: (node, jobId, data) => add(node, 'bridge', jobId, data),
    addSettleJob: (node, jobId, data) => add(node, 'settle', jobId, data),

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
