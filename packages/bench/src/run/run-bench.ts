import type { BenchOptions } from '../cli/parse-args.js';
import { parseWeights, type MixOptions } from '../sim/mix-plan.js';
import { ratioOf } from '../stats/cpu-per-call.js';
import { latencyRatio, type LatencyRatio } from '../stats/latency-ratio.js';
import { machineInfo, type MachineInfo } from './machine-info.js';
import { runScenario, type PostgresTarget, type ScenarioResult, type ScenarioSettings } from './run-scenario.js';
import { callfwdRunner, type ScenarioName } from './scenario-processes.js';

/** callfwd over a baseline in the same run: latency per percentile and CPU per call. */
export interface Ratios {
  readonly latency: LatencyRatio;
  /** callfwd's CPU ms per forwarded call (listener + worker + Redis) / the baseline's per job (its processes + Redis). */
  readonly cpuPerCall: number | null;
  /**
   * callfwd's CPU ms per BullMQ job / the baseline's (the bare hop's): what each hop of the design
   * costs against a bare one; null for the direct responder (no jobs).
   */
  readonly cpuPerJob: number | null;
  readonly postDialDelayP99: number | null;
}

export interface BenchReport {
  readonly machine: MachineInfo;
  /** The 1-minute load average when the run started (`machine.loadAvg1m` is at the end). */
  readonly loadAvg1mAtStart: number;
  readonly options: BenchOptions;
  /** What ran callfwd: the CLI's `run`, or the bench's own runner of the same apps. */
  readonly runner: 'cli' | 'bench';
  readonly callfwd: ScenarioResult;
  readonly baselines: { readonly direct: ScenarioResult | null; readonly bullmq: ScenarioResult | null };
  readonly ratios: { readonly vsDirect: Ratios | null; readonly vsBullmq: Ratios | null };
  /** Every figure that must be 0 is, and with PostgreSQL its books agree with the ledger's. */
  readonly held: boolean;
  /** False when any scenario's figures are the simulator's (see `invalidReasons`). */
  readonly valid: boolean;
  readonly invalidReasons: readonly string[];
  /** callfwd's `--find-max` steps. */
  readonly findMax: FindMaxReport | null;
  /** The same steps for each baseline (with `--find-max`, unless `--no-baselines`), so the highest rates sit side by side. */
  readonly findMaxBaselines: { readonly direct: FindMaxReport | null; readonly bullmq: FindMaxReport | null };
}

export interface FindMaxStep {
  readonly cps: number;
  readonly p99: number;
  readonly lost: number;
  readonly forwardedCps: number;
  readonly valid: boolean;
  /** Why the step's figures are the simulator's; empty when valid. */
  readonly invalidReasons: readonly string[];
  readonly held: boolean;
}

export interface FindMaxReport {
  readonly scenario: ScenarioName;
  readonly p99LimitMs: number;
  readonly mix: string;
  readonly maxHeldCps: number | null;
  readonly steps: readonly FindMaxStep[];
  readonly stoppedBy: 'p99' | 'lost' | 'invalid' | 'deadline' | 'ceiling';
}

export type Progress = (line: string) => void;

/** The target: park-to-originate p99 at most 20 ms. */
export const FIND_MAX_P99_MS = 20;
const FIND_MAX_DEADLINE_MS = 60 * 60 * 1000;
const FIND_MAX_CEILING_CPS = 20_000;

export function mixOptionsOf(options: BenchOptions, env: Readonly<Record<string, string | undefined>> = process.env): MixOptions {
  const weights = options.mix === 'fast' ? parseWeights(env.CALLFWD_BENCH_MIX) : undefined;
  return { mix: options.mix, ringMs: options.ringMs, ...(weights === undefined ? {} : { weights }) };
}

export function settingsFor(options: BenchOptions, root: string, redisUrl: string, cps = options.cps, postgres: PostgresTarget | null = null): ScenarioSettings {
  return {
    root,
    redisUrl,
    postgres,
    cps,
    seconds: options.seconds,
    warmup: options.warmup,
    nodes: options.nodes,
    simProcs: options.simProcs,
    mix: mixOptionsOf(options),
    logLevel: options.logLevel,
    seed: 42,
    settle: true,
  };
}

export function ratiosOf(callfwd: ScenarioResult, baseline: ScenarioResult): Ratios {
  return {
    latency: latencyRatio(callfwd.parkToOriginateMs, baseline.parkToOriginateMs),
    cpuPerCall: ratioOf(callfwd.cpuMsPerCall?.underTest, baseline.cpuMsPerCall?.underTest),
    cpuPerJob: ratioOf(callfwd.jobs.cpuMsPerJob ?? undefined, baseline.jobs.cpuMsPerJob ?? undefined),
    postDialDelayP99: callfwd.postDialDelayMs.count === 0 || baseline.postDialDelayMs.count === 0 ? null : ratioOf(callfwd.postDialDelayMs.p99, baseline.postDialDelayMs.p99),
  };
}

/** callfwd, then the two baselines at the same rate, one after another (never sharing the CPU). */
export async function runBench(options: BenchOptions, root: string, redisUrl: string, progress: Progress, postgres: PostgresTarget | null = null): Promise<BenchReport> {
  const loadAvg1mAtStart = machineInfo().loadAvg1m;
  const settings = settingsFor(options, root, redisUrl, options.cps, postgres);
  progress(`callfwd at ${options.cps} calls/s for ${options.seconds} s (+${options.warmup} s warm-up), ${options.mix} mix, ${options.nodes} node(s) over ${options.simProcs} simulator process(es)`);
  const callfwd = await runScenario('callfwd', settings);
  let direct: ScenarioResult | null = null;
  let bullmq: ScenarioResult | null = null;
  if (options.baselines) {
    progress('baseline 1: direct responder');
    direct = await runScenario('direct', settings);
    progress('baseline 2: bare BullMQ hop (producer and worker in two processes)');
    bullmq = await runScenario('bullmq', settings);
  }
  const findMax = options.findMax ? await findMaxRate(options, root, redisUrl, progress, 'callfwd', postgres) : null;
  const baselineMax = options.findMax && options.baselines;
  const findMaxBaselines = {
    direct: baselineMax ? await findMaxRate(options, root, redisUrl, progress, 'direct') : null,
    bullmq: baselineMax ? await findMaxRate(options, root, redisUrl, progress, 'bullmq') : null,
  };
  const scenarios = [callfwd, direct, bullmq].filter((r): r is ScenarioResult => r !== null);
  const invalidReasons = scenarios.flatMap((r) => r.validity.reasons.map((reason) => `${r.scenario}: ${reason}`));
  return {
    machine: machineInfo(),
    loadAvg1mAtStart,
    options,
    runner: callfwdRunner(root),
    callfwd,
    baselines: { direct, bullmq },
    ratios: {
      vsDirect: direct === null ? null : ratiosOf(callfwd, direct),
      vsBullmq: bullmq === null ? null : ratiosOf(callfwd, bullmq),
    },
    held: callfwd.lost === 0 && callfwd.duplicates === 0 && (callfwd.doubleCharges ?? 0) === 0 && (callfwd.postgresBooks?.agree ?? true),
    valid: invalidReasons.length === 0,
    invalidReasons,
    findMax,
    findMaxBaselines,
  };
}

/**
 * From --cps, a quarter more (at least 50 calls/s) per step, with the chosen mix, until p99 passes
 * 20 ms, a forward is lost, or the step is invalid (the simulator was the bottleneck: the rate
 * measured would be the simulator's). Steps do not wait for the calls to settle.
 */
export async function findMaxRate(
  options: BenchOptions,
  root: string,
  redisUrl: string,
  progress: Progress,
  scenario: ScenarioName = 'callfwd',
  postgres: PostgresTarget | null = null,
): Promise<FindMaxReport> {
  const deadline = Date.now() + FIND_MAX_DEADLINE_MS;
  const steps: FindMaxStep[] = [];
  let cps = options.cps;
  let maxHeldCps: number | null = null;
  const done = (stoppedBy: FindMaxReport['stoppedBy']): FindMaxReport => ({ scenario, p99LimitMs: FIND_MAX_P99_MS, mix: options.mix, maxHeldCps, steps, stoppedBy });
  for (;;) {
    if (Date.now() > deadline) return done('deadline');
    if (cps > FIND_MAX_CEILING_CPS) return done('ceiling');
    progress(`find-max (${scenario}): ${cps} calls/s`);
    const result = await runScenario(scenario, { ...settingsFor(options, root, redisUrl, cps, postgres), settle: false });
    const p99 = result.parkToOriginateMs.p99;
    const step = stepVerdict(cps, result);
    steps.push(step);
    progress(`find-max (${scenario}): ${cps} calls/s -> p99 ${p99} ms, lost ${result.lost}${step.valid ? '' : ' (invalid)'}: ${step.held ? 'held' : 'did not hold'}`);
    if (!step.held) return done(!step.valid ? 'invalid' : result.lost > 0 ? 'lost' : 'p99');
    maxHeldCps = cps;
    cps = Math.round(cps + Math.max(50, cps / 4));
  }
}

/** A find-max step holds with none lost, p99 within 20 ms, and valid figures. */
export function stepVerdict(cps: number, result: Pick<ScenarioResult, 'parkToOriginateMs' | 'lost' | 'forwardedCps' | 'validity'>): FindMaxStep {
  const p99 = result.parkToOriginateMs.p99;
  const valid = result.validity.valid;
  return { cps, p99, lost: result.lost, forwardedCps: result.forwardedCps, valid, invalidReasons: result.validity.reasons, held: valid && result.lost === 0 && p99 <= FIND_MAX_P99_MS };
}
