import { expect } from 'chai';
import { formatReport } from '../../src/report/format-report.js';
import { ratiosOf, type BenchReport, type FindMaxReport } from '../../src/run/run-bench.js';
import type { ScenarioResult } from '../../src/run/run-scenario.js';
import { cpuPerCall } from '../../src/stats/cpu-per-call.js';
import { judgeValidity } from '../../src/stats/judge-validity.js';
import { summarizeLatency } from '../../src/stats/summarize-latency.js';

function scenario(name: ScenarioResult['scenario'], latencies: number[], cpu: Record<string, number>, loopDelay = 2, jobsAdded = 1_000): ScenarioResult {
  const processes = Object.fromEntries(
    Object.entries(cpu).map(([p, s]) => [p, { pid: 1, cpuSeconds: s, cpuCores: s / 30, peakRssMiB: 100, rssAfterWarmupMiB: 90, rssAtEndMiB: 95, memorySlopeKbPer1000Calls: p === 'redis' ? 812.5 : 3.1, memorySlopeSteadyKbPer1000Calls: p === 'redis' ? 0.4 : null }]),
  );
  return {
    scenario: name,
    mix: 'realistic',
    offeredCps: 50,
    forwardedCps: 50,
    placed: 1_100,
    handled: 1_000,
    simKeptRate: true,
    perMix: { answered: 600 },
    parkToOriginateMs: summarizeLatency(latencies),
    postDialDelayMs: summarizeLatency(latencies.map((l) => l + 1)),
    parkToFallbackMs: summarizeLatency([]),
    lost: 0,
    lostSample: [],
    duplicates: 0,
    duplicateSample: [],
    doubleCharges: name === 'callfwd' ? 0 : null,
    doubleChargeSample: [],
    debits: null,
    postgresBooks: null,
    settleLagMs: null,
    outcomes: null,
    processes,
    cpuMsPerCall: cpuPerCall(cpu, 1_000),
    cpuMsPerCallSteady: null,
    jobs: { added: jobsAdded, perCall: jobsAdded / 1_000, cpuMsPerJob: Math.round(((cpuPerCall(cpu, 1_000)?.underTest ?? 0) * 1_000 * 1000) / jobsAdded) / 1000 },
    simLoopDelayP99Ms: loopDelay,
    validity: judgeValidity(loopDelay, cpu, { wallSeconds: 30, simMustSpendLess: name === 'callfwd' }),
    wallSeconds: 30,
  };
}

function report(callfwd: ScenarioResult, bullmq: ScenarioResult): BenchReport {
  const invalidReasons = [callfwd, bullmq].flatMap((r) => r.validity.reasons.map((x) => `${r.scenario}: ${x}`));
  return {
    machine: { nproc: 2, cpu: 'EPYC', memTotalGiB: 23, node: 'v20', loadAvg1m: 3.5 },
    loadAvg1mAtStart: 2.25,
    options: { cps: 50, seconds: 20, nodes: 1, warmup: 2, json: true, findMax: false, baselines: true, logLevel: 'info', mix: 'realistic', ringMs: 300, simProcs: 1, postgres: false },
    runner: 'cli',
    callfwd,
    baselines: { direct: null, bullmq },
    ratios: { vsDirect: null, vsBullmq: ratiosOf(callfwd, bullmq) },
    held: true,
    valid: invalidReasons.length === 0,
    invalidReasons,
    findMax: null,
    findMaxBaselines: { direct: null, bullmq: null },
  };
}

function maxReport(scenario: FindMaxReport['scenario'], held: number[], failed: number): FindMaxReport {
  const step = (cps: number, ok: boolean) => ({ cps, p99: ok ? 9 : 31, lost: 0, forwardedCps: cps, valid: true, invalidReasons: [], held: ok });
  return { scenario, p99LimitMs: 20, mix: 'realistic', maxHeldCps: held.at(-1) ?? null, steps: [...held.map((c) => step(c, true)), step(failed, false)], stoppedBy: 'p99' };
}

describe('formatReport', () => {
  const callfwd = scenario('callfwd', [4, 6, 30], { sim: 1, listener: 1.7, worker: 3.3, redis: 1.2 }, 2, 4_500);
  const bullmq = scenario('bullmq', [2, 3, 10], { sim: 0.5, 'bull-producer': 0.6, 'bull-worker': 0.8, redis: 0.4 });

  it('shows the load average, CPU per call by process, the memory slopes and the ratios to the bare hop', () => {
    const text = formatReport(report(callfwd, bullmq));
    expect(text).to.contain('load average (1 min) 2.25 at start, 3.5 at end');
    expect(text).to.contain('figures: valid');
    expect(text).to.match(/callfwd\s+under test 6\.2 \(sim 1, listener 1\.7, worker 3\.3, redis 1\.2; simulator 1\) over 1000 calls/);
    expect(text).to.contain('redis 812.5');
    expect(text).to.contain('; steady: redis 0.4');
    // CPU 6.2 / 1.8 per call; p99 30 / 10; post-dial p99 31 / 11.
    // 4,500 jobs for 1,000 calls: 6.2 ms per call is 1.378 per job, against the hop's 1.8.
    expect(text).to.match(/callfwd\s+4500 jobs, 4\.5 per call, 1\.378 ms per job/);
    expect(text).to.contain('callfwd / bare hop: CPU per call x3.444 (per job x0.766), park->originate p50 x2 p99 x3, post-dial p99 x2.818');
  });

  it('says what reached PostgreSQL beside the ledger, only when it was in the path', () => {
    expect(formatReport(report(callfwd, bullmq))).to.not.contain('PostgreSQL');
    const books = { ledgerPosts: 812, ledgerCharged: 9_000, journalEntries: 812, journalCharged: 9_000, agree: true };
    expect(formatReport(report({ ...callfwd, postgresBooks: books }, bullmq))).to.contain('PostgreSQL journal: 812 charges, 9000 minor units; the ledger in Redis: 812 posts, 9000 minor units: the books agree');
    const short = { ...books, journalEntries: 811, journalCharged: 8_985, agree: false };
    expect(formatReport(report({ ...callfwd, postgresBooks: short }, bullmq))).to.contain('THE BOOKS DIFFER');
  });

  it('says invalid, and why, when the simulator was the bottleneck', () => {
    const slowSim = scenario('callfwd', [4], { sim: 5, worker: 3.3 }, 40);
    const text = formatReport(report(slowSim, bullmq));
    expect(text).to.contain('figures: invalid');
    expect(text).to.contain('callfwd: simulator event-loop delay p99 40 ms > 20 ms');
    expect(text).to.contain('callfwd: simulator process sim used the most CPU');
  });

  it("puts callfwd's highest rate held next to each baseline's", () => {
    const text = formatReport({
      ...report(callfwd, bullmq),
      findMax: maxReport('callfwd', [], 50),
      findMaxBaselines: { direct: maxReport('direct', [50, 100], 150), bullmq: maxReport('bullmq', [50], 100) },
    });
    expect(text).to.contain('find-max callfwd (realistic mix): highest rate held (none lost, p99 <= 20 ms, valid): none calls/s (stopped by p99)');
    expect(text).to.contain('find-max direct (realistic mix): highest rate held (none lost, p99 <= 20 ms, valid): 100 calls/s');
    expect(text).to.contain('find-max bullmq (realistic mix): highest rate held (none lost, p99 <= 20 ms, valid): 50 calls/s');
    expect(text).to.contain('  150 calls/s: p99 31 ms, lost 0, failed');
  });
});
