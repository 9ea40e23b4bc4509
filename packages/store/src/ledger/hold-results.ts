// Two-phase holds (TigerBeetle's pending transfers): what their operations take and return.
// Expected outcomes are values with closed reason codes; a bad argument is a caller's bug (thrown).

/** How a hold ended: posted (charged), voided (released by the caller) or expired (its timeout). */
export type HoldResolution = 'posted' | 'voided' | 'expired';

export interface HoldRequest {
  /** What to hold, integer minor units > 0. */
  amount: number;
  /** The least worth holding (> 0, <= amount): less available than this is a refusal. */
  minAmount: number;
  /** When the hold expires by itself (ms since the epoch); not after `now` means already expired. */
  expiresAt: number;
  /** The time the ledger sweeps by (ms since the epoch); defaults to the ledger's clock. */
  now?: number;
  /**
   * Rule 11: the hold also takes one of the account's `limit` concurrent-forward slots for the
   * call (legs of one call share it), atomically with the credit, until `expiresAt` or release.
   */
  slot?: { callUuid: string; limit: number; expiresAt: number };
}

export interface ExtendHoldRequest {
  /** The slice number (an integer >= 1, increasing per hold): a number at or below the last applied adds nothing. */
  slice: number;
  /** What to add, integer minor units > 0. */
  amount: number;
  /** The least worth adding (>= 0, <= amount); 0 accepts whatever is available, even nothing. */
  minAmount: number;
  /** The hold's new expiry (ms since the epoch). */
  expiresAt: number;
  now?: number;
}

export type HoldResult =
  /** idempotent: the hold existed already; held is what it held the first time. */
  | { ok: true; held: number; idempotent: boolean }
  | { ok: false; reason: 'insufficient_credit'; available: number }
  /** Every concurrent-forward slot of the account is taken by other calls: nothing held. */
  | { ok: false; reason: 'limit_reached'; inUse: number }
  /** The id was posted, voided or expired already: it can never hold credit again. */
  | { ok: false; reason: 'resolved' };

export type ExtendHoldResult =
  /** added: what this slice added (0 on a repeated slice, flagged idempotent); held: the hold's total now. */
  | { ok: true; added: number; held: number; idempotent: boolean }
  | { ok: false; reason: 'insufficient_credit'; available: number }
  | { ok: false; reason: 'resolved' }
  | { ok: false; reason: 'unknown_hold' };

export interface PostHoldDetails {
  /** The time the ledger sweeps by (ms since the epoch); defaults to the ledger's clock. */
  now?: number;
  /** When the call ended (ms since the epoch), for the debit log; defaults to `now`. */
  at?: number;
  /** Kept in the debit log as JSON (e.g. call uuid, billed seconds, rate). */
  meta?: Record<string, unknown>;
}

export interface PostHoldResult {
  ok: true;
  /** What was debited: min(cost, balance). */
  charged: number;
  /** The balance right after the post. */
  balance: number;
  /** What the hold held when it was posted (0 without a pending hold). */
  held: number;
  /** True when this hold had been posted before: the first result, nothing charged again. */
  alreadyPosted: boolean;
  /** True when the cost exceeded the pending hold (counted in stats as a conflict). */
  conflict: boolean;
  /** True when no hold was pending (expired, voided or never made): charged anyway, counted as post_without_hold. */
  withoutHold: boolean;
}

export interface VoidHoldResult {
  ok: true;
  /** What this call released (0 when there was nothing pending). */
  released: number;
  /** True when the hold had been resolved before this call (then released is 0). */
  alreadyResolved: boolean;
  resolution: HoldResolution;
}

export interface SweepResult {
  /** Holds released by their timeout in this sweep. */
  expired: number;
  /** What they released. */
  released: number;
}

export interface PendingHold {
  holdId: string;
  /** The total held now (the first grant plus the slices added). */
  amount: number;
  expiresAt: number;
  /** Grants applied: 1 for the hold itself, plus one per extension. */
  slices: number;
  /** The last slice number applied (0 before the first extension). */
  lastSlice: number;
}
