/** One memory sample of one process: calls placed so far, and its memory then (KB). */
export interface MemorySample {
  readonly calls: number;
  readonly kb: number;
}

/**
 * The least-squares slope of memory over calls, in KB per 1,000 calls: 0 is flat. Null with fewer
 * than 3 samples or when the calls never changed (no slope to fit).
 */
export function memorySlopeKbPer1000(samples: readonly MemorySample[]): number | null {
  if (samples.length < 3) return null;
  const n = samples.length;
  const meanX = samples.reduce((s, p) => s + p.calls, 0) / n;
  const meanY = samples.reduce((s, p) => s + p.kb, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of samples) {
    sxy += (p.calls - meanX) * (p.kb - meanY);
    sxx += (p.calls - meanX) ** 2;
  }
  if (sxx === 0) return null;
  return Math.round((sxy / sxx) * 1000 * 10) / 10;
}
