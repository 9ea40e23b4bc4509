import { expect } from 'chai';
import { parse, stringify } from 'yaml';
import { createSeededRandom } from '@callfwd/fs-sim';
import { parseConfig, WorkerConfigSchema } from '@callfwd/domain';
import { benchConfigInput, NODE_PASSWORD_ENV } from '../../src/run/bench-config.js';
import { buildMixPlan, drawMs, parseWeights, pickEntry, REALISTIC } from '../../src/sim/mix-plan.js';

const drawCalls = (seed: number, count: number) => {
  const plan = buildMixPlan({ mix: 'realistic', ringMs: 300 });
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => {
    const i = pickEntry(plan.entries, random);
    return { name: plan.entries[i]!.name, call: plan.entries[i]!.draw(random) };
  });
};

describe('the realistic mix', () => {
  const plan = buildMixPlan({ mix: 'realistic', ringMs: 300 });

  it('draws the same calls for the same seed, and other calls for another', () => {
    expect(drawCalls(42, 200)).to.deep.equal(drawCalls(42, 200));
    expect(drawCalls(43, 200)).to.not.deep.equal(drawCalls(42, 200));
  });

  it('places every kind of call, near its weight, over 20 000 draws', () => {
    const counts: Record<string, number> = {};
    for (const { name } of drawCalls(1, 20_000)) counts[name] = (counts[name] ?? 0) + 1;
    const total = plan.entries.reduce((s, e) => s + e.weight, 0);
    for (const entry of plan.entries) {
      const share = (counts[entry.name] ?? 0) / 20_000;
      expect(share, entry.name).to.be.closeTo(entry.weight / total, 0.015);
    }
    expect(Object.keys(counts).sort()).to.deep.equal(
      ['answered', 'busy', 'caller_hangs_up', 'follow_me', 'insufficient_credit', 'no_answer', 'route_down_failover'].sort(),
    );
  });

  it('rings answered targets 2 to 20 s and lets them talk 5 to 60 s, spread over the range', () => {
    const answering = Object.values(plan.farEnds).filter((f) => f.kind === 'answer' && f.afterMs >= REALISTIC.ringMs.min);
    expect(answering.length).to.be.greaterThan(REALISTIC.answeringEmployees - 1);
    const rings = answering.map((f) => (f.kind === 'answer' ? f.afterMs : -1));
    const talks = answering.map((f) => (f.kind === 'answer' ? (f.hangupAfterMs ?? -1) : -1));
    expect(Math.min(...rings)).to.be.at.least(2_000).and.below(4_000);
    expect(Math.max(...rings)).to.be.at.most(20_000).and.above(18_000);
    expect(Math.min(...talks)).to.be.at.least(5_000).and.below(10_000);
    expect(Math.max(...talks)).to.be.at.most(60_000).and.above(55_000);
  });

  it('lets callers who hang up give up between 2 and 15 s', () => {
    const giveUps = drawCalls(5, 5_000).filter((c) => c.name === 'caller_hangs_up').map((c) => c.call.hangupAfterMs as number);
    expect(Math.min(...giveUps)).to.be.at.least(2_000);
    expect(Math.max(...giveUps)).to.be.at.most(15_000).and.above(14_000);
  });

  it('calls only extensions its employees have, and the route-down line is down in the simulator', () => {
    const extensions = new Set(plan.employees.flatMap((e) => e.extensions.map((x) => x.slice(1))));
    for (const { call } of drawCalls(9, 2_000)) expect(extensions.has(call.dialled), call.dialled).to.equal(true);
    expect(plan.gatewaysDown).to.deep.equal(['pbx-f']);
  });

  for (const mix of ['realistic', 'fast'] as const) {
    it(`gives callfwd a ${mix} config parseConfig accepts, with the shipped worker defaults`, () => {
      const employees = buildMixPlan({ mix, ringMs: 300 }).employees;
      const input = benchConfigInput({ ports: [8021, 8022], redisUrl: 'redis://127.0.0.1:1', prefix: 'b', employees });
      const env = { [NODE_PASSWORD_ENV(0)]: 'a', [NODE_PASSWORD_ENV(1)]: 'b' };
      const parsed = parseConfig(parse(stringify(input)), { env });
      if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
      expect(parsed.config.worker).to.deep.equal(WorkerConfigSchema.parse({}));
      if (mix === 'realistic') expect(parsed.config.employees.find((e) => e.id === 'fay')?.steps).to.have.length(2);
    });
  }
});

describe('the fast mix', () => {
  it('rings the answered target --ring-ms and keeps the old weights unless CALLFWD_BENCH_MIX sets them', () => {
    const plan = buildMixPlan({ mix: 'fast', ringMs: 10_000 });
    expect(plan.farEnds['48601000001']).to.deep.equal({ kind: 'answer', afterMs: 10_000, hangupAfterMs: 2_000 });
    expect(plan.entries.map((e) => e.weight)).to.deep.equal([70, 10, 10, 10]);
    expect(buildMixPlan({ mix: 'fast', ringMs: 300, weights: [1, 0, 0, 0] }).entries.map((e) => e.weight)).to.deep.equal([1, 0, 0, 0]);
    expect(plan.longestCallMs).to.equal(12_000);
  });

  it('refuses weights that are not four numbers >= 0 with one above 0', () => {
    expect(parseWeights(undefined)).to.equal(undefined);
    expect(parseWeights('1,2,3,4')).to.deep.equal([1, 2, 3, 4]);
    for (const bad of ['1,2,3', '0,0,0,0', '1,-1,1,1', 'a,1,1,1']) expect(() => parseWeights(bad), bad).to.throw(RangeError);
  });
});

describe('drawMs', () => {
  it('stays within its range, both ends included', () => {
    expect(drawMs(() => 0, { min: 2, max: 5 })).to.equal(2);
    expect(drawMs(() => 0.999999, { min: 2, max: 5 })).to.equal(5);
  });
});
