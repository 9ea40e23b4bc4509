import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { readProcUsage, type ProcUsage } from '../procs/read-proc-usage.js';
import { spawnNodeProcess, type NodeProcess } from '../procs/spawn-node-process.js';
import { MIX_NAMES, TALK_MS, ringFromEnv } from '../sim/call-mix.js';
import type { SimRunReport, SimRunRequest } from '../sim/sim-messages.js';
import { analyzeForwards, type DuplicateForward } from '../stats/analyze-forwards.js';
import type { DoubleCharge } from '../stats/find-double-charges.js';
import { round3, summarizeLatency, type LatencySummary } from '../stats/summarize-latency.js';
import { NODE_PASSWORD_ENV } from './bench-config.js';
import { startScenarioProcesses, type ScenarioName } from './scenario-processes.js';
import { deleteKeys, doubleCharges, watchRecords } from './watch-records.js';

export interface ScenarioSettings {
  readonly root: string;
  readonly redisUrl: string;
  readonly cps: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly nodes: number;
  readonly concurrency: number;
  readonly logLevel: string;
  readonly seed: number;
}

export interface ProcessFigures {
  readonly pid: number;
  /** CPU seconds used during the load (warm-up, drain and settle included). */
  readonly cpuSeconds: number;
  /** cpuSeconds / wall seconds of the load: 1.0 is one core. */
  readonly cpuCores: number;
  readonly peakRssMiB: number;
  /** RSS at the end of the warm-up and at the end of the run, MiB: growth here is growth per call. */
  readonly rssAfterWarmupMiB: number;
  readonly rssAtEndMiB: number;
}

export interface ScenarioResult {
  readonly scenario: ScenarioName;
  readonly offeredCps: number;
  /** Calls forwarded (or given their fallback) per second over the measured window. */
  readonly forwardedCps: number;
  readonly placed: number;
  /** False when the simulator could not place cps x seconds calls in time (the offered rate was lower). */
  readonly simKeptRate: boolean;
  readonly perMix: Readonly<Record<string, number>>;
  readonly parkToOriginateMs: LatencySummary;
  readonly parkToFallbackMs: LatencySummary;
  readonly lost: number;
  readonly lostSample: readonly string[];
  readonly duplicates: number;
  readonly duplicateSample: readonly DuplicateForward[];
  readonly doubleCharges: number | null;
  readonly doubleChargeSample: readonly DoubleCharge[];
  readonly debits: number | null;
  readonly settleLagMs: LatencySummary | null;
  readonly outcomes: Readonly<Record<string, number>> | null;
  readonly processes: Readonly<Record<string, ProcessFigures>>;
  readonly simLoopDelayP99Ms: number;
  readonly wallSeconds: number;
}

const DRAIN_MS = 15_000;
/** Long enough for the last answered calls to ring, talk and settle (the ring is CALLFWD_BENCH_RING_MS when set). */
const SETTLE_MS = ringFromEnv(process.env.CALLFWD_BENCH_RING_MS) + TALK_MS + 3_000;

/** One load through one scenario: a fresh simulator, fresh processes, a fresh key prefix; everything stopped after. */
export async function runScenario(scenario: ScenarioName, s: ScenarioSettings): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'callfwd-bench-'));
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = { CALLFWD_BENCH_NODES: String(s.nodes) };
  for (let i = 0; i < s.nodes; i++) env[NODE_PASSWORD_ENV(i)] = `bench-${randomBytes(8).toString('hex')}`;
  const procs: NodeProcess[] = [];
  let watch: Awaited<ReturnType<typeof watchRecords>> | undefined;
  try {
    const sim = await spawnNodeProcess({ name: 'sim', args: ['packages/bench/src/sim/sim-main.ts'], cwd: s.root, env, ipc: true, readyTimeoutMs: 60_000 });
    procs.push(sim);
    const ports = (JSON.parse(sim.readyLine) as { ports: number[] }).ports;
    procs.push(...(await startScenarioProcesses(scenario, { root: s.root, dir, env, ports, redisUrl: s.redisUrl, prefix, concurrency: s.concurrency, logLevel: s.logLevel })));
    if (scenario === 'callfwd') watch = await watchRecords(s.redisUrl, prefix);
    const redisPid = await redisProcessId(s.redisUrl);
    const pids: Record<string, number> = Object.fromEntries(procs.map((p) => [p.name, p.pid]));
    if (redisPid !== undefined) pids.redis = redisPid;

    const before = usageOf(pids);
    const startedAt = Date.now();
    let afterWarmup: Record<string, ProcUsage | undefined> = {};
    const warmupTimer = setTimeout(() => (afterWarmup = usageOf(pids)), s.warmup * 1000);
    const request: SimRunRequest = { type: 'run', cps: s.cps, warmupSeconds: s.warmup, seconds: s.seconds, seed: s.seed, drainMs: DRAIN_MS, settleMs: scenario === 'callfwd' ? SETTLE_MS : 500 };
    const report = await askSim(sim, request, (s.warmup + s.seconds) * 1000 + DRAIN_MS + SETTLE_MS + 60_000);
    clearTimeout(warmupTimer);
    const wallSeconds = (Date.now() - startedAt) / 1000;
    const after = usageOf(pids);

    const analysis = analyzeForwards(report.observations);
    const charges = scenario === 'callfwd' ? await doubleCharges(s.redisUrl, prefix) : undefined;
    const lags = watch === undefined ? undefined : await watch.settleLagsMs();
    const outcomes = watch === undefined ? null : await watch.outcomes();
    const processes: Record<string, ProcessFigures> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const b = before[name];
      const a = after[name];
      if (a === undefined) continue;
      const cpuSeconds = round3(a.cpuSeconds - (b?.cpuSeconds ?? 0));
      processes[name] = {
        pid,
        cpuSeconds,
        cpuCores: round3(cpuSeconds / wallSeconds),
        peakRssMiB: a.peakRssMiB,
        rssAfterWarmupMiB: afterWarmup[name]?.rssMiB ?? 0,
        rssAtEndMiB: a.rssMiB,
      };
    }
    const resolvedInWindow = analysis.parkToOriginateMs.length + analysis.parkToFallbackMs.length;
    return {
      scenario,
      offeredCps: s.cps,
      forwardedCps: round3(resolvedInWindow / s.seconds),
      placed: report.placed,
      simKeptRate: !report.stoppedEarly,
      perMix: Object.fromEntries(MIX_NAMES.map((n, i) => [n, report.perMix[i] ?? 0])),
      parkToOriginateMs: summarizeLatency(analysis.parkToOriginateMs),
      parkToFallbackMs: summarizeLatency(analysis.parkToFallbackMs),
      lost: analysis.lost.length + Math.max(0, report.placed - analysis.parked),
      lostSample: analysis.lost.slice(0, 5),
      duplicates: analysis.duplicates.length,
      duplicateSample: analysis.duplicates.slice(0, 5),
      doubleCharges: charges?.doubles.length ?? null,
      doubleChargeSample: charges?.doubles.slice(0, 5) ?? [],
      debits: charges?.debits ?? null,
      settleLagMs: lags === undefined ? null : summarizeLatency(lags),
      outcomes,
      processes,
      simLoopDelayP99Ms: report.simLoopDelayP99Ms,
      wallSeconds: round3(wallSeconds),
    };
  } finally {
    await watch?.stop().catch(() => undefined);
    await Promise.all(procs.map((p) => p.stop()));
    // CALLFWD_BENCH_KEEP_KEYS=1 leaves the run's keys in Redis for inspection.
    if (process.env.CALLFWD_BENCH_KEEP_KEYS !== '1') await deleteKeys(s.redisUrl, `${prefix}*`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

function usageOf(pids: Record<string, number>): Record<string, ProcUsage | undefined> {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readProcUsage(pid)]));
}

async function redisProcessId(url: string): Promise<number | undefined> {
  const redis = new Redis(url);
  try {
    const info = await redis.info('server');
    const pid = /^process_id:(\d+)/m.exec(info)?.[1];
    return pid === undefined ? undefined : Number(pid);
  } finally {
    await redis.quit();
  }
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
