import type { Queues } from '@callfwd/store';
import type { Logger, Metrics } from '@callfwd/telemetry';

export interface BacklogSamplerOptions {
  readonly queues: Pick<Queues, 'queue'>;
  readonly nodeIds: readonly string[];
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Sample only while Redis is up (a down Redis has its own gauge). */
  readonly isRedisUp: () => boolean;
  /** Default 5 s. */
  readonly everyMs?: number;
}

export interface BacklogSampler {
  start(): void;
  stop(): void;
  /** One sample now: per node, the `forward` jobs waiting or delayed (a retry's backoff), as `<node>/forward`. */
  sample(): Promise<void>;
}

/** The backlog gauge ops alert on: event jobs not yet taken by a worker, sampled every few seconds. */
export function createBacklogSampler(options: BacklogSamplerOptions): BacklogSampler {
  const { queues, nodeIds, metrics, log } = options;
  let timer: NodeJS.Timeout | undefined;
  const sample = async () => {
    await Promise.all(
      nodeIds.map(async (node) => {
        const counts = await queues.queue(node, 'forward').getJobCounts('waiting', 'delayed');
        metrics.queueWaiting.set({ queue: `${node}/forward` }, (counts.waiting ?? 0) + (counts.delayed ?? 0));
      }),
    );
  };
  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => {
        if (options.isRedisUp())
          sample().catch((err: unknown) => log.debug({ err }, 'backlog sample failed'));
      }, options.everyMs ?? 5_000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    sample,
  };
}
