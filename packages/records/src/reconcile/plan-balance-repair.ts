// Pure: how the live balance (Redis) differs from the balance of record (the journal) and what
// brings the live side back to the record.

export interface LiveBalance {
  balance: number;
  reserved: number;
  available: number;
}

export type BalanceRepair = { kind: 'credit'; amount: number } | { kind: 'debit'; amount: number };

export interface BalancePlan {
  /** live balance - balance of record: > 0 the live side has too much */
  difference: number;
  repair: BalanceRepair | null;
}

/**
 * Compares the live `balance` (money on the account, holds not deducted) with the balance of
 * record. Pending holds are not money spent: they are not in the journal and not in `balance`, so
 * they take no part; a repair moves `balance` and leaves the holds as they are.
 */
export function planBalanceRepair(ofRecord: number, live: LiveBalance): BalancePlan {
  const difference = live.balance - ofRecord;
  if (difference === 0) return { difference, repair: null };
  return difference > 0
    ? { difference, repair: { kind: 'debit', amount: difference } }
    : { difference, repair: { kind: 'credit', amount: -difference } };
}
