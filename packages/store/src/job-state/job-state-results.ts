// What the job-state store returns: expected outcomes are values with closed reason codes.
import type { ForwardState, ForwardStep } from './forward-state.js';

export type ClaimResult =
  | { ok: true; state: ForwardState; resumed: boolean }
  /** done: the forward finished (step done or settled) and is never claimed again. */
  | { ok: false; reason: 'done' | 'held_by_other' };

export type AdvanceResult =
  | { ok: true; state: ForwardState }
  | { ok: false; reason: 'not_found' }
  /** step: where the forward is now, so the caller can tell a lost race from a bug. */
  | { ok: false; reason: 'not_owner' | 'lease_expired' | 'wrong_step'; step: ForwardStep };

export type RenewResult =
  { ok: true; leaseUntil: number } | { ok: false; reason: 'not_found' | 'not_owner' | 'done' };

export type MarkSettledResult =
  { ok: true; state: ForwardState; alreadySettled: boolean } | { ok: false; reason: 'not_found' };
