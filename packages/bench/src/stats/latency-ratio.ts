import { round3, type LatencySummary } from './summarize-latency.js';

/** How many times slower `subject` is than `baseline`, per percentile; null where the baseline is 0 or has no samples. */
export interface LatencyRatio {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export function latencyRatio(subject: LatencySummary, baseline: LatencySummary): LatencyRatio {
  const ratio = (a: number, b: number): number | null =>
    subject.count === 0 || baseline.count === 0 || b <= 0 ? null : round3(a / b);
  return {
    p50: ratio(subject.p50, baseline.p50),
    p95: ratio(subject.p95, baseline.p95),
    p99: ratio(subject.p99, baseline.p99),
  };
}
