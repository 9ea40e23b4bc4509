import { isRedisUnavailable } from '@callfwd/store';
import type { Logger } from '@callfwd/telemetry';

export interface RideOutOptions {
  /** True while the worker's command connection to Redis is ready. */
  isRedisUp(): boolean;
  /** The longest one job waits for Redis before it fails (and BullMQ's retries take over). */
  maxWaitMs: number;
  log: Logger;
  now?: () => number;
  /** How often to look whether Redis is back. */
  pollMs?: number;
}

/**
 * Runs one job's work, and runs it again when it failed only because Redis was away: a restart
 * of a few seconds must not spend the job's attempts (five failures in a row turn into the
 * forward's give_up, and the caller would get the fallback for an outage the forward outlives).
 * Running the work again is safe: the forward document is stored by compare-and-set and every
 * effect is keyed. Any other error, or an outage longer than `maxWaitMs`, fails the job as before.
 */
export async function rideOutRedisOutage<T>(work: () => Promise<T>, options: RideOutOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 100;
  const started = now();
  for (let round = 1; ; round++) {
    try {
      return await work();
    } catch (err) {
      if (!isRedisUnavailable(err) || now() - started >= options.maxWaitMs) throw err;
      options.log.warn({ err: (err as Error).message, round }, 'redis unavailable: the job waits for it, then runs again');
      while (!options.isRedisUp() && now() - started < options.maxWaitMs) await sleep(pollMs);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
