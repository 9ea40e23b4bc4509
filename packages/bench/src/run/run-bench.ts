import type { BenchOptions } from '../cli/parse-args.js';
import { latencyRatio, type LatencyRatio } from '../stats/latency-ratio.js';
import { machineInfo, type MachineInfo } from './machine-info.js';
import { runScenario, type ScenarioResult, type ScenarioSettings } from './run-scenario.js';
import { callfwdRunner } from './scenario-processes.js';

export interface BenchReport {
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  /** What ran callfwd: the CLI's `run`, or the bench's own runner of the same apps. */
  readonly runner: 'cli' | 'bench';
  readonly callfwd: ScenarioResult;
  readonly baselines: { readonly direct: ScenarioResult | null; readonly bullmq: ScenarioResult | null };
  /** callfwd's park-to-originate latency over each baseline's, per percentile. */
  readonly ratios: { readonly vsDirect: LatencyRatio | null; readonly vsBullmq: LatencyRatio | null };
  /** Every figure that must be 0 is, and p99 held. */
  readonly held: boolean;
  readonly findMax: FindMaxReport | null;
}

export interface FindMaxStep {
  readonly cps: number;
  readonly p99: number;
  readonly lost: number;
  readonly forwardedCps: number;
  readonly held: boolean;
}

export interface FindMaxReport {
  readonly p99LimitMs: number;
  readonly maxHeldCps: number | null;
  readonly steps: readonly FindMaxStep[];
  readonly stoppedBy: 'p99' | 'lost' | 'deadline' | 'ceiling';
}

export type Progress = (line: string) => void;

const FIND_MAX_P99_MS = 50;
const FIND_MAX_DEADLINE_MS = 60 * 60 * 1000;
const FIND_MAX_CEILING_CPS = 20_000;

export function settingsFor(options: BenchOptions, root: string, redisUrl: string, cps = options.cps): ScenarioSettings {
  return {
    root,
    redisUrl,
    cps,
    seconds: options.seconds,
    warmup: options.warmup,
    nodes: options.nodes,
    // Enough jobs in flight for the ring time of every call at this rate (a forward waits for the answer).
    concurrency: Math.min(10_000, Math.max(200, Math.ceil(cps * 2))),
    logLevel: options.logLevel,
    seed: 42,
  };
}

/** callfwd, then the two baselines at the same rate, one after another (never sharing the CPU). */
export async function runBench(options: BenchOptions, root: string, redisUrl: string, progress: Progress): Promise<BenchReport> {
  const settings = settingsFor(options, root, redisUrl);
  progress(`callfwd at ${options.cps} calls/s for ${options.seconds} s (+${options.warmup} s warm-up)`);
  const callfwd = await runScenario('callfwd', settings);
  let direct: ScenarioResult | null = null;
  let bullmq: ScenarioResult | null = null;
  if (options.baselines) {
    progress('baseline 1: direct responder');
    direct = await runScenario('direct', settings);
    progress('baseline 2: bare BullMQ hop (producer and worker in two processes)');
    bullmq = await runScenario('bullmq', settings);
  }
  const findMax = options.findMax ? await findMaxRate(options, root, redisUrl, progress) : null;
  return {
    machine: machineInfo(),
    options,
    runner: callfwdRunner(root),
    callfwd,
    baselines: { direct, bullmq },
    ratios: {
      vsDirect: direct === null ? null : latencyRatio(callfwd.parkToOriginateMs, direct.parkToOriginateMs),
      vsBullmq: bullmq === null ? null : latencyRatio(callfwd.parkToOriginateMs, bullmq.parkToOriginateMs),
    },
    held: callfwd.lost === 0 && callfwd.duplicates === 0 && (callfwd.doubleCharges ?? 0) === 0,
    findMax,
  };
}

/** Raises the rate by a quarter (at least 50 calls/s) per step until p99 passes 50 ms or a forward is lost. */
export async function findMaxRate(options: BenchOptions, root: string, redisUrl: string, progress: Progress): Promise<FindMaxReport> {
  const deadline = Date.now() + FIND_MAX_DEADLINE_MS;
  const steps: FindMaxStep[] = [];
  let cps = options.cps;
  let maxHeldCps: number | null = null;
  for (;;) {
    if (Date.now() > deadline) return { p99LimitMs: FIND_MAX_P99_MS, maxHeldCps, steps, stoppedBy: 'deadline' };
    if (cps > FIND_MAX_CEILING_CPS) return { p99LimitMs: FIND_MAX_P99_MS, maxHeldCps, steps, stoppedBy: 'ceiling' };
    progress(`find-max: ${cps} calls/s`);
    const result = await runScenario('callfwd', settingsFor(options, root, redisUrl, cps));
    const p99 = result.parkToOriginateMs.p99;
    const held = p99 <= FIND_MAX_P99_MS && result.lost === 0;
    steps.push({ cps, p99, lost: result.lost, forwardedCps: result.forwardedCps, held });
    progress(`find-max: ${cps} calls/s -> p99 ${p99} ms, lost ${result.lost}: ${held ? 'held' : 'did not hold'}`);
    if (!held) return { p99LimitMs: FIND_MAX_P99_MS, maxHeldCps, steps, stoppedBy: result.lost > 0 ? 'lost' : 'p99' };
    maxHeldCps = cps;
    cps = Math.round(cps + Math.max(50, cps / 4));
  }
}
