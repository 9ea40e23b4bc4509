import { expect } from 'chai';
import { cpuPerCall, isSimulator, ratioOf } from '../../src/stats/cpu-per-call.js';

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
