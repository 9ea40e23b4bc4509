import { expect } from 'chai';
import { percentile, summarizeLatency } from '../../src/stats/summarize-latency.js';

describe('summarizeLatency', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(summarizeLatency(values)).to.deep.equal({ count: 10, p50: 5, p95: 10, p99: 10, max: 10, mean: 5.5 });
  });

  it('puts p99 of 100 samples on the 99th, not the largest', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const summary = summarizeLatency(values);
    expect([summary.p50, summary.p95, summary.p99, summary.max]).to.deep.equal([50, 95, 99, 100]);
  });

  it('sorts numerically, not as text', () => {
    expect(summarizeLatency([100, 20, 3]).p50).to.equal(20);
  });

  it('gives zeros and count 0 for no samples', () => {
    expect(summarizeLatency([])).to.deep.equal({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });

  it('rounds to microseconds', () => {
    expect(summarizeLatency([1.23456]).p50).to.equal(1.235);
  });

  it('refuses a percentile outside [0, 100]', () => {
    expect(() => percentile([1], 101)).to.throw(RangeError);
    expect(percentile([4, 5], 0)).to.equal(4);
  });
});
