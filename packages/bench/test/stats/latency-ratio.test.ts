import { expect } from 'chai';
import { latencyRatio } from '../../src/stats/latency-ratio.js';
import type { LatencySummary } from '../../src/stats/summarize-latency.js';

const summary = (p50: number, p95: number, p99: number, count = 10): LatencySummary => ({ count, p50, p95, p99, max: p99, mean: p50 });

describe('latencyRatio', () => {
  it('divides each percentile of the subject by the baseline', () => {
    expect(latencyRatio(summary(3, 8, 12), summary(1.5, 2, 6))).to.deep.equal({ p50: 2, p95: 4, p99: 2 });
  });

  it('is null where the baseline is 0 or either side has no samples', () => {
    expect(latencyRatio(summary(3, 8, 12), summary(0, 2, 6))).to.deep.equal({ p50: null, p95: 4, p99: 2 });
    expect(latencyRatio(summary(3, 8, 12), summary(1, 2, 6, 0))).to.deep.equal({ p50: null, p95: null, p99: null });
    expect(latencyRatio(summary(3, 8, 12, 0), summary(1, 2, 6))).to.deep.equal({ p50: null, p95: null, p99: null });
  });
});
