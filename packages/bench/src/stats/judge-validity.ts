import { isSimulator } from './cpu-per-call.js';

/** Above this event-loop delay p99 the simulator's timestamps are late: the latency is the simulator's. */
export const SIM_LOOP_DELAY_LIMIT_MS = 20;
/** A simulator process busy this share of one core over the run had no room left: it set the pace. */
export const SIM_CORE_SHARE_LIMIT = 0.9;

export interface Validity {
  readonly valid: boolean;
  /** Why not, one line each; empty when valid. */
  readonly reasons: readonly string[];
}

export interface ValidityOptions {
  /** The run's wall time, to turn CPU seconds into a share of one core. */
  readonly wallSeconds: number;
  /**
   * Whether the process under test must out-spend the simulator. True for callfwd. False for a
   * baseline: the direct responder and the bare BullMQ hop do a fraction of the simulator's work per
   * call by design, so the simulator always spends the most there and only its loop delay and its
   * core share tell whether it was the bottleneck.
   */
  readonly simMustSpendLess: boolean;
}

/**
 * A run is `invalid` when the simulator's event-loop delay p99 passes 20 ms, when a simulator
 * process was busy 90 % of a core or more (one event loop, so it had no room left), or (for
 * callfwd) when a simulator process used more CPU than any process under test (Redis included):
 * then the simulator, not callfwd, was the bottleneck. With several simulator processes each is one
 * event loop, so the busiest one is compared (their sum is reported beside it).
 */
export function judgeValidity(simLoopDelayP99Ms: number, cpuSeconds: Readonly<Record<string, number>>, options: ValidityOptions): Validity {
  const reasons: string[] = [];
  if (simLoopDelayP99Ms > SIM_LOOP_DELAY_LIMIT_MS) {
    reasons.push(`simulator event-loop delay p99 ${simLoopDelayP99Ms} ms > ${SIM_LOOP_DELAY_LIMIT_MS} ms`);
  }
  const entries = Object.entries(cpuSeconds);
  const sims = entries.filter(([name]) => isSimulator(name));
  const others = entries.filter(([name]) => !isSimulator(name));
  if (sims.length > 0) {
    const [simName, simCpu] = sims.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (options.wallSeconds > 0) {
      const share = simCpu / options.wallSeconds;
      if (share >= SIM_CORE_SHARE_LIMIT) {
        reasons.push(`simulator process ${simName} was busy ${Math.round(share * 100)} % of a core (>= ${Math.round(SIM_CORE_SHARE_LIMIT * 100)} %)`);
      }
    }
    if (options.simMustSpendLess && others.length > 0) {
      const [topName, topCpu] = others.reduce((a, b) => (b[1] > a[1] ? b : a));
      if (simCpu >= topCpu) reasons.push(`simulator process ${simName} used the most CPU (${simCpu} s >= ${topName} ${topCpu} s)`);
    }
  }
  return { valid: reasons.length === 0, reasons };
}
