import { parseForwardJob } from '@callfwd/domain';
import type { ForwardDocStore, Queues } from '@callfwd/store';
import type { Logger } from '@callfwd/telemetry';

export interface TimerPumpOptions {
  readonly nodes: readonly string[];
  readonly docs: Pick<ForwardDocStore, 'claimDueTimers' | 'ackTimers'>;
  readonly queues: Pick<Queues, 'addForwardJob'>;
  readonly log: Logger;
  /** How often each node's timer set is read when nothing was due (a timer fires at most this late). */
  readonly pollMs: number;
  /** A claim lapses after this: timers a pump claimed and never queued (it died) come due again. */
  readonly leaseMs: number;
  /** Timers claimed per read; a full batch is followed by the next read at once. */
  readonly batch?: number;
}

export interface TimerPump {
  start(): void;
  /** Stops reading; resolves once the read in flight is done (its timers queued and acknowledged). */
  stop(): Promise<void>;
}

const DEFAULT_BATCH = 200;

/**
 * Turns due forward timers into jobs. Timers are written with the forward's state (one write, no
 * job per timer until it is due, nothing to remove when the forward ends before them); each worker
 * pumps every node's timer set: it claims the due ones (atomically, so two workers never both
 * queue one; a claim that is never acknowledged lapses and the timer comes due again), queues each
 * as the forward job it carries, under its own id (queueing twice makes one job), and acknowledges
 * them. A job that is not a valid forward job is logged and dropped, never queued.
 */
export function createTimerPump(options: TimerPumpOptions): TimerPump {
  const batch = options.batch ?? DEFAULT_BATCH;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  /** Nodes whose last read failed: a Redis outage is logged once per node, not every poll. */
  const failing = new Set<string>();

  async function pumpNode(node: string): Promise<number> {
    const claimed = await options.docs.claimDueTimers(node, batch, options.leaseMs);
    if (claimed.timers.length === 0) return 0;
    const done: string[] = [];
    await Promise.all(
      claimed.timers.map(async ({ id, job }) => {
        const parsed = parseForwardJob(job);
        if (!parsed.ok || parsed.job.node !== node || parsed.job.event.kind !== 'timer') {
          options.log.error({ node, timerId: id, error: parsed.ok ? 'not a timer of this node' : parsed.error }, 'timer with a bad job: dropped');
          done.push(id);
          return;
        }
        try {
          await options.queues.addForwardJob(node, id, parsed.job);
          done.push(id);
        } catch (err) {
          // Left claimed: it comes due again once the claim lapses.
          options.log.warn({ node, timerId: id, err: (err as Error).message }, 'timer not queued: it comes due again');
        }
      }),
    );
    await options.docs.ackTimers(node, claimed.lease, done);
    return claimed.timers.length;
  }

  async function pumpAll(): Promise<boolean> {
    let full = false;
    await Promise.all(
      options.nodes.map(async (node) => {
        try {
          if ((await pumpNode(node)) >= batch) full = true;
          if (failing.delete(node)) options.log.info({ node }, 'timers read again');
        } catch (err) {
          const first = !failing.has(node);
          failing.add(node);
          options.log[first ? 'warn' : 'debug']({ node, err: (err as Error).message }, 'timers not read (Redis away?): read again shortly');
        }
      }),
    );
    return full;
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      inFlight = pumpAll().then((full) => schedule(full ? 0 : options.pollMs));
    }, delayMs);
    // Never what keeps a process up: a drained worker exits with its last job.
    timer.unref();
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      await inFlight;
    },
  };
}
