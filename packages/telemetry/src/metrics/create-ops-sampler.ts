import type { Logger } from 'pino';
import type { Metrics } from './create-metrics.js';

/** What the sampler reads of the forward documents (the store's ForwardDocStore fits). */
export interface LiveForwardSource {
  listLive(node: string, limit: number): Promise<readonly unknown[]>;
}

/** What the sampler reads of the ledger (the store's Ledger fits). */
export interface HoldSource {
  listHolds(accountId: string): Promise<readonly { readonly amount: number }[]>;
}

export interface OpsSamplerOptions {
  readonly metrics: Pick<Metrics, 'forwardsInFlight' | 'holdsOutstanding' | 'holdsOutstandingAmount'>;
  readonly log: Logger;
  readonly nodeIds: readonly string[];
  readonly accountIds: readonly string[];
  readonly forwards: LiveForwardSource;
  readonly ledger: HoldSource;
  /** Sample only while Redis is up (a down Redis has its own gauge and the last values stay). */
  readonly isRedisUp: () => boolean;
  /** Default 5 s. */
  readonly everyMs?: number;
  /** Counted up to this many per node (default 100 000): a count above it reads as the limit. */
  readonly liveLimit?: number;
}

export interface OpsSampler {
  start(): void;
  stop(): void;
  /** One sample now: forwards in flight per node, open holds (count and amount) per account. */
  sample(): Promise<void>;
}

const DEFAULT_LIVE_LIMIT = 100_000;

/**
 * The gauges read from Redis rather than counted in process (they must agree across every
 * process and survive a restart): sampled every few seconds, like the listener's backlog sampler.
 */
export function createOpsSampler(options: OpsSamplerOptions): OpsSampler {
  const { metrics, log, nodeIds, accountIds, forwards, ledger } = options;
  const liveLimit = options.liveLimit ?? DEFAULT_LIVE_LIMIT;
  let timer: NodeJS.Timeout | undefined;
  const sample = async (): Promise<void> => {
    await Promise.all([
      ...nodeIds.map(async (node) => {
        const live = await forwards.listLive(node, liveLimit);
        metrics.forwardsInFlight.set({ node }, live.length);
      }),
      ...accountIds.map(async (account) => {
        const holds = await ledger.listHolds(account);
        metrics.holdsOutstanding.set({ account }, holds.length);
        metrics.holdsOutstandingAmount.set(
          { account },
          holds.reduce((sum, h) => sum + h.amount, 0),
        );
      }),
    ]);
  };
  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => {
        if (options.isRedisUp()) sample().catch((err: unknown) => log.debug({ err }, 'ops sample failed'));
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
