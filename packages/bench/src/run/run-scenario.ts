import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisProcessId, usageOf } from '../procs/process-usage.js';
import type { ProcUsage } from '../procs/read-proc-usage.js';
import { spawnNodeProcess, type NodeProcess } from '../procs/spawn-node-process.js';
import { buildMixPlan, type MixName, type MixOptions } from '../sim/mix-plan.js';
import type { SimRunReport, SimRunRequest } from '../sim/sim-messages.js';
import { analyzeForwards, type DuplicateForward } from '../stats/analyze-forwards.js';
import type { DoubleCharge } from '../stats/find-double-charges.js';
import { cpuPerCall, steadyCpuPerCall, steadyWindow, type CpuPerCall, type SteadyCpuPerCall } from '../stats/cpu-per-call.js';
import { judgeValidity, type Validity } from '../stats/judge-validity.js';
import { round3, summarizeLatency, type LatencySummary } from '../stats/summarize-latency.js';
import { NODE_PASSWORD_ENV } from './bench-config.js';
import { observeRinging, postDialDelaysMs, type RingObserver } from './observe-ringing.js';
import { sampleMemory } from './sample-memory.js';
import { startScenarioProcesses, type ScenarioName } from './scenario-processes.js';
import { countJobAdds, jobFigures, type JobFigures } from './job-figures.js';
import { deleteKeys, doubleCharges, postgresBooks, watchRecords, type PostgresBooks } from './watch-records.js';

/** The PostgreSQL callfwd's records drain to (`--postgres`): its URL and its postmaster's pid. */
export interface PostgresTarget {
  readonly url: string;
  readonly pid: number;
}

export interface ScenarioSettings {
  readonly root: string;
  readonly redisUrl: string;
  /** callfwd's records go there (the baselines have none); null: no PostgreSQL, as the config allows. */
  readonly postgres: PostgresTarget | null;
  readonly cps: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly nodes: number;
  /** Simulator processes the nodes are spread over (each paces its share of the rate). */
  readonly simProcs: number;
  readonly mix: MixOptions;
  readonly logLevel: string;
  readonly seed: number;
  /** Wait for the answered forwards to ring, talk and settle before reading the ledger (off in find-max steps). */
  readonly settle: boolean;
}

export interface ProcessFigures {
  readonly pid: number;
  /** CPU seconds used during the load (warm-up, drain and settle included). */
  readonly cpuSeconds: number;
  /** cpuSeconds / wall seconds of the load: 1.0 is one core. */
  readonly cpuCores: number;
  readonly peakRssMiB: number;
  /** RSS at the end of the warm-up and at the end of the run, MiB. */
  readonly rssAfterWarmupMiB: number;
  readonly rssAtEndMiB: number;
  /** Memory over calls after the warm-up (RSS; Redis: INFO used_memory), KB per 1,000 calls; null with too few samples. */
  readonly memorySlopeKbPer1000Calls: number | null;
  /** The same over the steady window only (`cpuMsPerCallSteady`'s): null when the run is too short for one. */
  readonly memorySlopeSteadyKbPer1000Calls: number | null;
}

export interface ScenarioResult {
  readonly scenario: ScenarioName;
  readonly mix: MixName;
  readonly offeredCps: number;
  /** Calls forwarded (or given their fallback) per second over the measured window. */
  readonly forwardedCps: number;
  readonly placed: number;
  /** Calls (warm-up included) that got an originate or their fallback: the denominator of CPU per call. */
  readonly handled: number;
  /** False when the simulator could not place cps x seconds calls in time (the offered rate was lower). */
  readonly simKeptRate: boolean;
  readonly perMix: Readonly<Record<string, number>>;
  readonly parkToOriginateMs: LatencySummary;
  /** Park to the target ringing (the leg's first CHANNEL_PROGRESS, early media or answer, as the simulator sent it). */
  readonly postDialDelayMs: LatencySummary;
  readonly parkToFallbackMs: LatencySummary;
  readonly lost: number;
  readonly lostSample: readonly string[];
  readonly duplicates: number;
  readonly duplicateSample: readonly DuplicateForward[];
  readonly doubleCharges: number | null;
  readonly doubleChargeSample: readonly DoubleCharge[];
  readonly debits: number | null;
  /**
   * `--postgres`: the ledger in Redis against PostgreSQL's journal once the drain caught up; null
   * without. With PostgreSQL the debit log in Redis is trimmed to each account's newest 1000, so
   * `doubleCharges` looks at those only and `postgresBooks.agree` is the check over every leg.
   */
  readonly postgresBooks: PostgresBooks | null;
  readonly settleLagMs: LatencySummary | null;
  readonly outcomes: Readonly<Record<string, number>> | null;
  readonly processes: Readonly<Record<string, ProcessFigures>>;
  /** CPU ms per handled call; null when none was handled. */
  readonly cpuMsPerCall: CpuPerCall | null;
  /**
   * CPU ms per call offered while the load was steady (as many forwards ending as starting: from
   * the warm-up's end plus the mix's longest call to the end of the load), without the ramp-up and
   * the drain; null when the run is too short to have such a window.
   */
  readonly cpuMsPerCallSteady: SteadyCpuPerCall | null;
  /** Jobs added to the run's queues (a forward's event jobs and timers; the hop's one per call), per call, and CPU ms per job. */
  readonly jobs: JobFigures;
  /** The worst simulator process's event-loop delay p99. */
  readonly simLoopDelayP99Ms: number;
  readonly validity: Validity;
  readonly wallSeconds: number;
}

const DRAIN_MS = 15_000;
/** After the longest call of the mix could have ended: the records' last writes. */
const SETTLE_SLACK_MS = 5_000;

/** One load through one scenario: fresh simulators, fresh processes, a fresh key prefix; everything stopped after. */
export async function runScenario(scenario: ScenarioName, s: ScenarioSettings): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'callfwd-bench-'));
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const plan = buildMixPlan(s.mix);
  const passwords: Record<string, string> = {};
  for (let i = 0; i < s.nodes; i++) passwords[NODE_PASSWORD_ENV(i)] = `bench-${randomBytes(8).toString('hex')}`;
  const procs: NodeProcess[] = [];
  let watch: Awaited<ReturnType<typeof watchRecords>> | undefined;
  let ringing: RingObserver | undefined;
  try {
    const shares = spreadNodes(s.nodes, s.simProcs);
    const sims = await Promise.all(
      shares.map((share, i) =>
        spawnNodeProcess({
          name: s.simProcs === 1 ? 'sim' : `sim${i + 1}`,
          args: ['packages/bench/src/sim/sim-main.ts'],
          cwd: s.root,
          env: { ...passwords, CALLFWD_BENCH_NODES: String(share.count), CALLFWD_BENCH_FIRST_NODE: String(share.first), CALLFWD_BENCH_MIX_OPTIONS: JSON.stringify(s.mix) },
          ipc: true,
          readyTimeoutMs: 60_000,
        }),
      ),
    );
    procs.push(...sims);
    const ports = sims.flatMap((sim) => (JSON.parse(sim.readyLine) as { ports: number[] }).ports);
    const env = { ...passwords, CALLFWD_BENCH_NODES: String(s.nodes) };
    procs.push(...(await startScenarioProcesses(scenario, { root: s.root, dir, env, ports, redisUrl: s.redisUrl, postgresUrl: s.postgres?.url ?? null, prefix, employees: plan.employees, logLevel: s.logLevel })));
    if (scenario === 'callfwd') watch = await watchRecords(s.redisUrl, prefix);
    ringing = await observeRinging(ports.map((port, i) => ({ id: `fs${i + 1}`, port, password: passwords[NODE_PASSWORD_ENV(i)] ?? '' })));
    const redisPid = await redisProcessId(s.redisUrl);
    const pids: Record<string, number> = Object.fromEntries(procs.map((p) => [p.name, p.pid]));
    if (redisPid !== undefined) pids.redis = redisPid;
    // PostgreSQL forks a backend per connection: its CPU is the postmaster's tree (readProcTreeUsage).
    if (scenario === 'callfwd' && s.postgres !== null) pids.postgres = s.postgres.pid;

    const before = usageOf(pids);
    const startedAt = Date.now();
    const windowStartUs = (startedAt + s.warmup * 1000) * 1000;
    let afterWarmup: Record<string, ProcUsage | undefined> = {};
    const warmupTimer = setTimeout(() => (afterWarmup = usageOf(pids)), s.warmup * 1000);
    const steady = steadyWindow({ loadStartMs: startedAt, warmupMs: s.warmup * 1000, loadMs: s.seconds * 1000, longestCallMs: plan.longestCallMs });
    let steadyFrom: Record<string, ProcUsage | undefined> | undefined;
    let steadyUntil: Record<string, ProcUsage | undefined> | undefined;
    const steadyTimers =
      steady === null
        ? []
        : [
            setTimeout(() => (steadyFrom = usageOf(pids)), steady.fromMs - Date.now()),
            setTimeout(() => (steadyUntil = usageOf(pids)), steady.untilMs - Date.now()),
          ];
    // PostgreSQL's memory is its backends' shared buffers, not one RSS: not sampled.
    const { postgres: _postgres, ...sampled } = pids;
    const memory = sampleMemory(sampled, s.redisUrl, { loadStartMs: startedAt, fromMs: startedAt + s.warmup * 1000, untilMs: startedAt + (s.warmup + s.seconds) * 1000, cps: s.cps, steadyFromMs: steady?.fromMs ?? null });
    const settleMs = scenario === 'callfwd' && s.settle ? plan.longestCallMs + SETTLE_SLACK_MS : 500;
    const reports = await Promise.all(
      sims.map((sim, i) => {
        const request: SimRunRequest = { type: 'run', cps: (s.cps * (shares[i]?.count ?? 0)) / s.nodes, warmupSeconds: s.warmup, seconds: s.seconds, seed: s.seed + i, drainMs: DRAIN_MS, settleMs };
        return askSim(sim, request, (s.warmup + s.seconds) * 1000 + DRAIN_MS + settleMs + 60_000);
      }),
    );
    clearTimeout(warmupTimer);
    for (const t of steadyTimers) clearTimeout(t);
    const slopes = await memory.stop();
    const wallSeconds = (Date.now() - startedAt) / 1000;
    const after = usageOf(pids);

    // Each simulator process has its own performance.now(): analyse each against its own window, then add up.
    const analyses = reports.map((r) => analyzeForwards(r.observations));
    const parked = analyses.reduce((n, a) => n + a.parked, 0);
    const lost = analyses.flatMap((a) => a.lost);
    const duplicates = analyses.flatMap((a) => a.duplicates);
    const parkToOriginate = analyses.flatMap((a) => a.parkToOriginateMs);
    const parkToFallback = analyses.flatMap((a) => a.parkToFallbackMs);
    const handled = analyses.reduce((n, a) => n + a.originated + a.fallbackOnly, 0);
    const placed = reports.reduce((n, r) => n + r.placed, 0);
    const charges = scenario === 'callfwd' && s.settle ? await doubleCharges(s.redisUrl, prefix) : undefined;
    const books = charges !== undefined && s.postgres !== null ? await postgresBooks(s.redisUrl, prefix, s.postgres.url) : null;
    const jobsAdded = await countJobAdds(s.redisUrl, prefix);
    const lags = watch === undefined ? undefined : await watch.settleLagsMs();
    const outcomes = watch === undefined ? null : await watch.outcomes();
    const processes: Record<string, ProcessFigures> = {};
    const cpuSeconds: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const b = before[name];
      const a = after[name];
      if (a === undefined) continue;
      const cpu = round3(a.cpuSeconds - (b?.cpuSeconds ?? 0));
      cpuSeconds[name] = cpu;
      processes[name] = {
        pid,
        cpuSeconds: cpu,
        cpuCores: round3(cpu / wallSeconds),
        peakRssMiB: a.peakRssMiB,
        rssAfterWarmupMiB: afterWarmup[name]?.rssMiB ?? 0,
        rssAtEndMiB: a.rssMiB,
        memorySlopeKbPer1000Calls: slopes.whole[name] ?? null,
        memorySlopeSteadyKbPer1000Calls: slopes.steady[name] ?? null,
      };
    }
    const steadyCpu: Record<string, number> = {};
    if (steadyFrom !== undefined && steadyUntil !== undefined) {
      for (const name of Object.keys(pids)) {
        const a = steadyUntil[name];
        const b = steadyFrom[name];
        if (a !== undefined && b !== undefined) steadyCpu[name] = a.cpuSeconds - b.cpuSeconds;
      }
    }
    const cpuMsPerCall = cpuPerCall(cpuSeconds, handled);
    const cpuMsPerCallSteady = steady === null || Object.keys(steadyCpu).length === 0 ? null : steadyCpuPerCall(steadyCpu, s.cps, (steady.untilMs - steady.fromMs) / 1000);
    const simLoopDelayP99Ms = Math.max(...reports.map((r) => r.simLoopDelayP99Ms));
    const perMix: Record<string, number> = {};
    for (const r of reports) for (const [name, n] of Object.entries(r.perMix)) perMix[name] = (perMix[name] ?? 0) + n;
    return {
      scenario,
      mix: plan.name,
      offeredCps: s.cps,
      forwardedCps: round3((parkToOriginate.length + parkToFallback.length) / s.seconds),
      placed,
      handled,
      simKeptRate: reports.every((r) => !r.stoppedEarly),
      perMix,
      parkToOriginateMs: summarizeLatency(parkToOriginate),
      postDialDelayMs: summarizeLatency(postDialDelaysMs(ringing.seen, windowStartUs)),
      parkToFallbackMs: summarizeLatency(parkToFallback),
      lost: lost.length + Math.max(0, placed - parked),
      lostSample: lost.slice(0, 5),
      duplicates: duplicates.length,
      duplicateSample: duplicates.slice(0, 5),
      doubleCharges: charges?.doubles.length ?? null,
      postgresBooks: books,
      doubleChargeSample: charges?.doubles.slice(0, 5) ?? [],
      debits: charges?.debits ?? null,
      settleLagMs: lags === undefined ? null : summarizeLatency(lags),
      outcomes,
      processes,
      cpuMsPerCall,
      cpuMsPerCallSteady,
      jobs: jobFigures(jobsAdded, handled, cpuMsPerCall),
      simLoopDelayP99Ms,
      validity: judgeValidity(simLoopDelayP99Ms, cpuSeconds, { wallSeconds, simMustSpendLess: scenario === 'callfwd' }),
      wallSeconds: round3(wallSeconds),
    };
  } finally {
    await ringing?.stop().catch(() => undefined);
    await watch?.stop().catch(() => undefined);
    await Promise.all(procs.map((p) => p.stop()));
    // CALLFWD_BENCH_KEEP_KEYS=1 leaves the run's keys in Redis for inspection.
    if (process.env.CALLFWD_BENCH_KEEP_KEYS !== '1') await deleteKeys(s.redisUrl, `${prefix}*`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nodes 0..nodes-1 over `procs` simulator processes, as evenly as they go (the first ones get one more). */
export function spreadNodes(nodes: number, procs: number): Array<{ first: number; count: number }> {
  const out: Array<{ first: number; count: number }> = [];
  let first = 0;
  for (let i = 0; i < procs; i++) {
    const count = Math.floor(nodes / procs) + (i < nodes % procs ? 1 : 0);
    out.push({ first, count });
    first += count;
  }
  return out;
}

function askSim(sim: NodeProcess, request: SimRunRequest, timeoutMs: number): Promise<SimRunReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the simulator did not report within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: SimRunReport | { type: 'error'; message: string }) => {
      if (message.type === 'report') done(undefined, message);
      else done(new Error(`simulator: ${message.message}`));
    };
    const onExit = () => done(new Error(`the simulator exited:\n${sim.tail().join('\n')}`));
    const done = (err?: Error, report?: SimRunReport) => {
      clearTimeout(timer);
      sim.child.off('message', onMessage);
      sim.child.off('exit', onExit);
      if (err !== undefined) reject(err);
      else resolve(report as SimRunReport);
    };
    sim.child.on('message', onMessage);
    sim.child.once('exit', onExit);
    sim.child.send(request);
  });
}
