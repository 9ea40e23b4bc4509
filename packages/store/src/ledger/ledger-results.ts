// What the ledger's operations return: expected outcomes are values with closed reason codes.

export interface Balance {
  /** Money on the account, integer minor units; never below zero. */
  balance: number;
  /** The sum of the open holds. */
  reserved: number;
  /** balance - reserved, floored at zero. */
  available: number;
}

export interface DebitEntry {
  leg: string;
  /** What was charged. */
  amount: number;
  /** What the call cost (more than amount when the balance ran out). */
  cost: number;
  /** What the hold held when it was posted. */
  held: number;
  at: number;
  meta: Record<string, unknown>;
}

export interface LedgerStats {
  /** Posts whose cost exceeded their pending hold. */
  conflicts: number;
  /** Two-phase holds posted. */
  posts: number;
  /** Two-phase holds released by their timeout. */
  expired: number;
  /** Posts without a pending hold (it expired, was voided or never made): charged all the same. */
  postWithoutHold: number;
}
