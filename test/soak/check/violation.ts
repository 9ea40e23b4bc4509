// One broken invariant, naming the call (or the account) it concerns.

export const INVARIANTS = [
  'one-record',
  'no-dead-air',
  'one-ring-per-step',
  'one-bridge',
  'charged-once',
  'charged-right',
  'unanswered-not-charged',
  'books-balance',
  'no-overdraft',
  'no-pending-hold',
  'pg-balance',
  'pg-record-agrees',
  'pg-journal',
  'recording-belongs',
] as const;

export type Invariant = (typeof INVARIANTS)[number];

/** Invariants that need PostgreSQL: skipped (and said so) when the history has none. */
export const PG_INVARIANTS: readonly Invariant[] = ['pg-balance', 'pg-record-agrees', 'pg-journal'];

export interface Violation {
  readonly invariant: Invariant;
  /** The call uuid, or `account:<id>` for an account's invariant. */
  readonly subject: string;
  readonly detail: string;
}

export const violation = (invariant: Invariant, subject: string, detail: string): Violation => ({ invariant, subject, detail });
