export interface ReconnectPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": the nth retry waits between half and all of
 * min(maxMs, initialMs * 2^n). `random` returns a number in [0, 1).
 */
export function backoffDelayMs(attempt: number, policy: ReconnectPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
