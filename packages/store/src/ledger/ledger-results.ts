// What the ledger's operations return: expected outcomes are values with closed reason codes.

export interface Balance {
  /** Money on the account, integer minor units; never below zero. */
  balance: number;
  /** The sum of the open holds. */
  reserved: number;
  /** balance - reserved, floored at zero. */
  available: number;
}

export type ReserveResult =
  | { ok: true; reserved: number; idempotent: boolean }
  | { ok: false; reason: 'insufficient_credit'; available: number }
  /** The leg was settled already: it can never hold credit again. */
  | { ok: false; reason: 'already_settled' };

export interface SettleResult {
  ok: true;
  /** What was debited: min(cost, balance). */
  charged: number;
  /** The balance right after this leg was settled. */
  balance: number;
  /** True when this leg had been settled before: the first result, nothing charged again. */
  alreadySettled: boolean;
  /** True when the cost exceeded the leg's hold (a ledger conflict, counted per account). */
  conflict: boolean;
}

export interface DebitEntry {
  leg: string;
  /** What was charged. */
  amount: number;
  /** What the call cost (more than amount when the balance ran out). */
  cost: number;
  /** What was held for the leg when it was settled. */
  held: number;
  at: number;
  meta: Record<string, unknown>;
}

export interface LedgerStats {
  /** Settlements and posts whose cost exceeded their hold. */
  conflicts: number;
  settlements: number;
  /** Two-phase holds posted. */
  posts: number;
  /** Two-phase holds released by their timeout. */
  expired: number;
  /** Posts without a pending hold (it expired, was voided or never made): charged all the same. */
  postWithoutHold: number;
}

export interface SettleDetails {
  /** When the call ended (ms since the epoch); defaults to now. */
  at?: number;
  /** Kept in the debit log as JSON (e.g. call uuid, billed seconds, rate). */
  meta?: Record<string, unknown>;
}
