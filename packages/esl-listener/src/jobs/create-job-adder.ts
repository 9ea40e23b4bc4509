import type { ForwardCall } from '@callfwd/domain';
import { backoffDelayMs, type NodeConnection, type ReconnectPolicy } from '@callfwd/freeswitch';
import type { Queues } from '@callfwd/store';
import type { Logger, Metrics } from '@callfwd/telemetry';
import type { NewForwardJob } from '../events/forward-job-result.js';
import { sleep } from '../timing/sleep.js';

/** What the adder needs of a node: to send a caller whose hold ran out to the fallback. */
export type FallbackNode = Pick<NodeConnection, 'nodeId' | 'transfer'>;

export interface JobAdderOptions {
  readonly queues: Pick<Queues, 'addForwardJob' | 'queue'>;
  readonly log: Logger;
  readonly metrics: Metrics;
  /** How long a parked caller's job may wait for Redis before the caller gets the fallback. */
  readonly holdMs: number;
  /** The hold ran out: send the caller to the fallback. */
  readonly onHoldExpired: (conn: FallbackNode, call: ForwardCall) => Promise<void>;
  /** Between attempts; default 100 ms doubling to 2 s, with jitter. */
  readonly retry?: ReconnectPolicy;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface JobAdder {
  /**
   * Adds an event job to its node's `forward` queue. A `parked` job waits at most `holdMs` for
   * Redis, then its caller gets the fallback; any other job keeps trying until it is added or the
   * adder stops (the leg it reports already happened: dropping it would lose a charge or a record).
   * The same job id while one is on its way joins that one. Never rejects.
   */
  add(conn: FallbackNode, entry: NewForwardJob, opts?: { fromResync?: boolean }): Promise<void>;
  /** Jobs on their way. */
  pending(): number;
  /** Stops waiting: jobs still failing are given up (logged), no caller is sent to the fallback. */
  stop(): void;
  /** Resolves true once every job on its way is done, false if `deadlineMs` comes first. */
  settle(deadlineMs: number): Promise<boolean>;
}

const DEFAULT_RETRY: ReconnectPolicy = { initialMs: 100, maxMs: 2_000 };
const WAIT_LOG_EVERY_MS = 10_000;
/** How long one add is waited on before the wait is logged and the stop and the hold are checked again. */
const ATTEMPT_WAIT_MS = 1_000;
/** Calls that got the fallback, remembered so a later resync does not hold them again. */
const FELL_BACK_LIMIT = 10_000;

/** An add that has not settled within its window (it may still land). */
class StillWaiting extends Error {}

export function createJobAdder(options: JobAdderOptions): JobAdder {
  const { queues, log, metrics, holdMs } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const retry = options.retry ?? DEFAULT_RETRY;
  const inFlight = new Map<string, Promise<void>>();
  const fellBack = new Set<string>();
  const stopper = new AbortController();

  const rememberFallback = (callUuid: string) => {
    fellBack.add(callUuid);
    if (fellBack.size > FELL_BACK_LIMIT) fellBack.delete(fellBack.values().next().value ?? callUuid);
  };

  /** A parked call the resync finds whose job failed for good would wait forever (its id is taken): run it again. */
  const reviveFailed = async (entry: NewForwardJob): Promise<void> => {
    const job = await queues.queue(entry.job.node, 'forward').getJob(entry.jobId);
    if (job === undefined || !(await job.isFailed())) return;
    await job.retry('failed', { resetAttemptsMade: true });
    log.info(
      { node: entry.job.node, jobId: entry.jobId, failedReason: job.failedReason },
      'resync: failed parked job of a parked call run again',
    );
  };

  const run = async (conn: FallbackNode, entry: NewForwardJob, fromResync: boolean): Promise<void> => {
    const { job, jobId } = entry;
    const event = job.event;
    // Only a park seen as an event is held and then given the fallback. A caller the resync found
    // may already be forwarded (its forward lives in the Redis we cannot reach): it is never moved,
    // its job waits like any other event's.
    const call = event.kind === 'parked' && !fromResync ? event.call : undefined;
    const fields = { node: job.node, callUuid: job.callUuid, jobId, event: event.kind };
    const deadline = now() + holdMs;
    let waitLoggedAt = Number.NEGATIVE_INFINITY;
    let error = '';
    /** The add on its way: BullMQ waits for a Redis that is not up yet rather than failing, so one add can outlast a try. */
    let adding: Promise<string> | undefined;
    const expire = async (parked: ForwardCall) => {
      log.error({ ...fields, err: error, holdMs }, 'parked job not added within the hold');
      rememberFallback(parked.callUuid);
      await options.onHoldExpired(conn, parked);
    };
    for (let attempt = 0; ; attempt++) {
      if (call !== undefined && attempt > 0 && now() >= deadline && !stopper.signal.aborted)
        return expire(call);
      try {
        adding ??= queues.addForwardJob(job.node, jobId, job);
        // A parked caller's wait is bounded even while Redis hangs; the first try gets at least
        // ATTEMPT_WAIT_MS, so a slow Redis is not taken for a lost one.
        await within(
          adding,
          call === undefined
            ? ATTEMPT_WAIT_MS
            : Math.max(deadline - now(), attempt === 0 ? ATTEMPT_WAIT_MS : 0),
          stopper.signal,
        );
        metrics.jobsAdded.inc({ queue: 'forward' });
        if (attempt > 0)
          log.info({ ...fields, attempts: attempt + 1 }, 'event job added after waiting for redis');
        if (fromResync && event.kind === 'parked')
          await reviveFailed(entry).catch((err: unknown) =>
            log.warn({ ...fields, err }, 'resync: failed job check failed'),
          );
        return;
      } catch (err) {
        const stillOnItsWay = err instanceof StillWaiting;
        if (!stillOnItsWay) adding = undefined;
        error = stillOnItsWay ? 'redis did not answer' : (err as Error).message;
        if (stopper.signal.aborted) {
          log.error({ ...fields, err: error }, 'event job not added: listener stopping');
          return;
        }
        if (call !== undefined && now() >= deadline) return expire(call);
        if (now() - waitLoggedAt >= WAIT_LOG_EVERY_MS) {
          waitLoggedAt = now();
          log.warn({ ...fields, err: error, attempt }, 'event job waiting for redis');
        }
        if (stillOnItsWay) continue;
        const delay = backoffDelayMs(attempt, retry, random);
        await sleep(call === undefined ? delay : Math.min(delay, deadline - now()), stopper.signal);
      }
    }
  };

  return {
    add(conn, entry, opts = {}) {
      // A park seen as an event is held (then the fallback); one the resync found is not: they do not join.
      const key = `${entry.jobId}${opts.fromResync === true ? ':resync' : ''}`;
      const joined = inFlight.get(key);
      if (joined !== undefined) return joined;
      if (entry.job.event.kind === 'parked' && fellBack.has(entry.job.callUuid)) return Promise.resolve();
      const work = run(conn, entry, opts.fromResync === true)
        .catch((err: unknown) => log.error({ err, jobId: entry.jobId }, 'event job add crashed'))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, work);
      return work;
    },
    pending: () => inFlight.size,
    stop: () => stopper.abort(),
    async settle(deadlineMs) {
      const timeout = new AbortController();
      const all = Promise.all([...inFlight.values()]).then(() => true);
      const finished = await Promise.race([all, sleep(deadlineMs, timeout.signal).then(() => false)]);
      timeout.abort();
      return finished;
    },
  };
}

/** `promise`, or a StillWaiting rejection after `ms` or at `signal` (the promise itself goes on). */
function within<T>(promise: Promise<T>, ms: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const giveUp = () => {
      clearTimeout(timer);
      reject(new StillWaiting());
    };
    const timer = setTimeout(giveUp, Math.max(0, ms));
    timer.unref();
    if (signal.aborted) giveUp();
    signal.addEventListener('abort', giveUp, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', giveUp);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', giveUp);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
