import { expect } from 'chai';
import { main } from '../src/main.js';
import type { BenchReport } from '../src/run/run-bench.js';

/**
 * The short version of `scripts/bench` in the suite: every scenario's real processes (simulator,
 * listener, worker, direct responder, bare BullMQ hop) for a few seconds at a low rate against the
 * suite's Redis. It checks that the bench runs and that the figures it must report are there and
 * add up; it asserts no speed (that is what the bench itself is for). At `--log-level warn` the
 * processes do not log their ready line: the bench learns it from their /readyz.
 */
describe('scripts/bench, short run (fast mix, 10 calls/s, 3 s, baselines, --log-level warn)', function () {
  this.timeout(240_000);

  it('forwards every call once, charges none twice, and reports every figure in its JSON line', async () => {
    const redisUrl = process.env.REDIS_URL;
    expect(redisUrl, 'REDIS_URL (scripts/test starts a Redis and sets it)').to.be.a('string');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['--mix', 'fast', '--cps', '10', '--seconds', '3', '--warmup', '1', '--json', '--log-level', 'warn'], {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
      env: { ...process.env },
    });
    const last = out.join('\n').trim().split('\n').at(-1) ?? '';
    expect(code, `exit code (stderr: ${err.join('\n').slice(-2000)})`).to.equal(0);
    const report = JSON.parse(last) as BenchReport;

    const c = report.callfwd;
    expect(c.placed).to.be.greaterThan(20);
    expect(c.lost).to.equal(0);
    expect(c.duplicates).to.equal(0);
    expect(c.doubleCharges).to.equal(0);
    expect(c.parkToOriginateMs.count).to.be.greaterThan(0);
    expect(c.parkToOriginateMs.p99).to.be.at.least(c.parkToOriginateMs.p50);
    expect(Object.keys(c.processes)).to.include.members(['listener', 'worker', 'redis']);
    expect(c.cpuMsPerCall?.underTest).to.be.greaterThan(0);
    const parts = c.cpuMsPerCall === null ? 0 : ['listener', 'worker', 'redis'].reduce((s, p) => s + (c.cpuMsPerCall?.byProcess[p] ?? 0), 0);
    expect(c.cpuMsPerCall?.underTest).to.be.closeTo(parts, 0.01);

    const bull = report.baselines.bullmq;
    const direct = report.baselines.direct;
    expect(bull?.lost).to.equal(0);
    expect(direct?.lost).to.equal(0);
    expect(Object.keys(bull?.processes ?? {})).to.include.members(['bull-producer', 'bull-worker', 'redis']);
    // A forward is several event jobs (its park and hangups at least); the hop is one job per call.
    expect(c.jobs.perCall).to.be.greaterThan(2);
    expect(bull?.jobs.added).to.be.at.least(bull?.handled ?? Infinity);
    expect(bull?.jobs.perCall).to.be.closeTo(1, 0.05);
    expect(direct?.jobs.added, 'the direct responder queues nothing').to.equal(0);
    expect(report.ratios.vsBullmq?.cpuPerJob).to.be.closeTo((c.jobs.cpuMsPerJob ?? 0) / (bull?.jobs.cpuMsPerJob ?? 1), 0.01);
    expect(report.ratios.vsBullmq?.cpuPerCall).to.be.closeTo((c.cpuMsPerCall?.underTest ?? 0) / (bull?.cpuMsPerCall?.underTest ?? 1), 0.01);
    expect(report.held).to.equal(true);
    expect(report.findMax).to.equal(null);
  });
});
