import { expect } from 'chai';
import { steadyCpuPerCall, steadyWindow, cpuPerCall, isSimulator, ratioOf } from '../../src/stats/cpu-per-call.js';

describe('cpuPerCall', () => {
  it('divides each process CPU by the calls, and sums the processes under test apart from the simulator', () => {
    const figures = cpuPerCall({ listener: 1.7, worker: 3.3, redis: 1.2, sim1: 2, sim2: 1 }, 1_000);
    expect(figures).to.deep.equal({ byProcess: { listener: 1.7, worker: 3.3, redis: 1.2, sim1: 2, sim2: 1 }, underTest: 6.2, simulator: 3, calls: 1_000 });
  });

  it('is null with no call handled', () => {
    expect(cpuPerCall({ worker: 1 }, 0)).to.equal(null);
  });

  it('knows the simulator processes by name only', () => {
    expect(['sim', 'sim3', 'simple', 'bull-worker'].map(isSimulator)).to.deep.equal([true, true, false, false]);
  });
});

describe('ratioOf', () => {
  it('divides, and is null without a baseline above 0', () => {
    expect(ratioOf(6.2, 1.8)).to.equal(3.444);
    expect(ratioOf(6.2, 0)).to.equal(null);
    expect(ratioOf(null, 1)).to.equal(null);
    expect(ratioOf(1, undefined)).to.equal(null);
  });
});

describe('steady CPU per call', () => {
  it('starts once the first measured call could have ended, ends with the load, and needs 5 s of it', () => {
    expect(steadyWindow({ loadStartMs: 1_000, warmupMs: 2_000, loadMs: 120_000, longestCallMs: 12_300 })).to.deep.equal({ fromMs: 15_300, untilMs: 123_000 });
    expect(steadyWindow({ loadStartMs: 0, warmupMs: 2_000, loadMs: 20_000, longestCallMs: 95_000 }), 'a 20 s run of the realistic mix has none').to.equal(null);
    expect(steadyWindow({ loadStartMs: 0, warmupMs: 2_000, loadMs: 10_000, longestCallMs: 6_000 })).to.equal(null);
  });

  it('divides each process by the calls offered in the window', () => {
    const steady = steadyCpuPerCall({ worker: 5, listener: 2.5, redis: 2.5, sim: 3 }, 50, 20);
    expect(steady).to.deep.equal({ byProcess: { worker: 5, listener: 2.5, redis: 2.5, sim: 3 }, underTest: 10, simulator: 3, calls: 1_000, windowSeconds: 20 });
    expect(steadyCpuPerCall({ worker: 1 }, 0, 20)).to.equal(null);
  });
});
