import { expect } from 'chai';
import { stepVerdict } from '../../src/run/run-bench.js';
import { spreadNodes } from '../../src/run/run-scenario.js';
import { summarizeLatency } from '../../src/stats/summarize-latency.js';

const step = (p99: number, lost: number, valid: boolean) =>
  stepVerdict(100, { parkToOriginateMs: { ...summarizeLatency([1]), p99 }, lost, forwardedCps: 100, validity: { valid, reasons: valid ? [] : ['x'] } });

describe('a find-max step', () => {
  it('holds with none lost, p99 within 20 ms and valid figures, and not otherwise', () => {
    expect(step(20, 0, true).held).to.equal(true);
    expect(step(20.001, 0, true).held).to.equal(false);
    expect(step(5, 1, true).held).to.equal(false);
    expect(step(5, 0, false)).to.deep.include({ held: false, valid: false, invalidReasons: ['x'] });
  });
});

describe('spreadNodes', () => {
  it('numbers the nodes across the simulator processes, the first ones taking the remainder', () => {
    expect(spreadNodes(5, 2)).to.deep.equal([{ first: 0, count: 3 }, { first: 3, count: 2 }]);
    expect(spreadNodes(2, 2)).to.deep.equal([{ first: 0, count: 1 }, { first: 1, count: 1 }]);
    expect(spreadNodes(1, 1)).to.deep.equal([{ first: 0, count: 1 }]);
  });
});
