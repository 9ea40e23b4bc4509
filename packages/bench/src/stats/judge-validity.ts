import { isSimulator } from './cpu-per-call.js';

/** Above this event-loop delay p99 the simulator's timestamps are late: the latency is the simulator's. */
export const SIM_LOOP_DELAY_LIMIT_MS = 20;

export interface Validity {
  readonly valid: boolean;
  /** Why not, one line each; empty when valid. */
  readonly reasons: readonly string[];
}

/**
 * A run is `invalid` when the simulator's event-loop delay p99 passes 20 ms, or when a simulator
 * process used more CPU than any process under test (Redis included): then the simulator, not
 * callfwd, was the bottleneck. With several simulator processes each is one event loop, so the
 * busiest one is compared (their sum is reported beside it).
 */
export function judgeValidity(simLoopDelayP99Ms: number, cpuSeconds: Readonly<Record<string, number>>): Validity {
  const reasons: string[] = [];
  if (simLoopDelayP99Ms > SIM_LOOP_DELAY_LIMIT_MS) {
    reasons.push(`simulator event-loop delay p99 ${simLoopDelayP99Ms} ms > ${SIM_LOOP_DELAY_LIMIT_MS} ms`);
  }
  const entries = Object.entries(cpuSeconds);
  const sims = entries.filter(([name]) => isSimulator(name));
  const others = entries.filter(([name]) => !isSimulator(name));
  if (sims.length > 0 && others.length > 0) {
    const [simName, simCpu] = sims.reduce((a, b) => (b[1] > a[1] ? b : a));
    const [topName, topCpu] = others.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (simCpu >= topCpu) reasons.push(`simulator process ${simName} used the most CPU (${simCpu} s >= ${topName} ${topCpu} s)`);
  }
  return { valid: reasons.length === 0, reasons };
}
