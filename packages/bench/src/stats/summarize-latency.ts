/** Latency figures of one run, in milliseconds. `count` 0 means no samples (every figure is 0). */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** The nearest-rank percentile (p in [0, 100]) of values sorted ascending; 0 for no values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** p50, p95, p99, max and mean of latency samples (ms), rounded to microseconds. */
export function summarizeLatency(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  const sum = list.reduce((total, value) => total + value, 0);
  return {
    count: list.length,
    p50: round3(percentile(list, 50)),
    p95: round3(percentile(list, 95)),
    p99: round3(percentile(list, 99)),
    max: round3(list[list.length - 1] as number),
    mean: round3(sum / list.length),
  };
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
