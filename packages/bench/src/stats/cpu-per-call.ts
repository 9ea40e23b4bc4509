import { round3 } from './summarize-latency.js';

/** CPU milliseconds per forwarded call (or per baseline job), per process and summed. */
export interface CpuPerCall {
  /** Process name -> CPU ms / calls. */
  readonly byProcess: Readonly<Record<string, number>>;
  /** The processes under test (every process but the simulator's), Redis included. */
  readonly underTest: number;
  /** Every simulator process together. */
  readonly simulator: number;
  readonly calls: number;
}

/** `cpuSeconds` by process name; names starting with `sim` are the simulator's. Null for no calls. */
export function cpuPerCall(cpuSeconds: Readonly<Record<string, number>>, calls: number): CpuPerCall | null {
  if (!(calls > 0)) return null;
  const byProcess: Record<string, number> = {};
  let underTest = 0;
  let simulator = 0;
  for (const [name, seconds] of Object.entries(cpuSeconds)) {
    const ms = (seconds * 1000) / calls;
    byProcess[name] = round3(ms);
    if (isSimulator(name)) simulator += ms;
    else underTest += ms;
  }
  return { byProcess, underTest: round3(underTest), simulator: round3(simulator), calls };
}

export function isSimulator(processName: string): boolean {
  return /^sim\d*$/.test(processName);
}

/** subject / baseline, or null when either is missing or the baseline is 0. */
export function ratioOf(subject: number | null | undefined, baseline: number | null | undefined): number | null {
  if (subject === null || subject === undefined || baseline === null || baseline === undefined || !(baseline > 0)) return null;
  return round3(subject / baseline);
}
