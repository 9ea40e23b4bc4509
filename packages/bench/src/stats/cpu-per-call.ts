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

/** CPU per call while the load is steady (see `steadyWindow`): per-process CPU over the window / the calls offered in it. */
export interface SteadyCpuPerCall extends CpuPerCall {
  readonly windowSeconds: number;
}

/**
 * The steady part of a run: from when the first measured call's longest possible forward could
 * have ended (warm-up end + the mix's longest call: as many forwards end as start from then on) to
 * the end of the load. Null when the run is too short to have one (under 5 s of it).
 */
export function steadyWindow(timing: { loadStartMs: number; warmupMs: number; loadMs: number; longestCallMs: number }): { fromMs: number; untilMs: number } | null {
  const fromMs = timing.loadStartMs + timing.warmupMs + timing.longestCallMs;
  const untilMs = timing.loadStartMs + timing.warmupMs + timing.loadMs;
  return untilMs - fromMs < 5_000 ? null : { fromMs, untilMs };
}

/** `cpuSeconds` over the steady window by process, at `cps` calls offered per second (the pacer holds it). */
export function steadyCpuPerCall(cpuSeconds: Readonly<Record<string, number>>, cps: number, windowSeconds: number): SteadyCpuPerCall | null {
  const figures = cpuPerCall(cpuSeconds, cps * windowSeconds);
  return figures === null ? null : { ...figures, calls: Math.round(cps * windowSeconds), windowSeconds: round3(windowSeconds) };
}
