/** A leg debited more than once: each forwarded leg must be charged exactly once. */
export interface DoubleCharge {
  readonly leg: string;
  readonly debits: number;
}

export function findDoubleCharges(debits: ReadonlyArray<{ readonly leg: string }>): DoubleCharge[] {
  const counts = new Map<string, number>();
  for (const debit of debits) counts.set(debit.leg, (counts.get(debit.leg) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([leg, n]) => ({ leg, debits: n }));
}
