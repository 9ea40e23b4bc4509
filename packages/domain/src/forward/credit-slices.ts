import { authorizeCredit } from '../billing/authorize-credit.js';
import { rateCall } from '../billing/rate-call.js';
import type { Tariff } from '../config/tariff-schema.js';
import type { E164 } from '../values/e164.js';

export interface SliceTerms {
  tariff: Tariff;
  target: E164;
  /** The account's cap on one call's length. */
  maxCallSeconds: number;
  sliceSeconds: number;
}

/** What a call of `seconds` costs under the tariff (connect fee included); 0 s costs nothing. */
export function costOfSeconds(terms: Pick<SliceTerms, 'tariff' | 'target'>, seconds: number): number | null {
  const rating = rateCall(terms.tariff, terms.target, seconds);
  return rating.ok ? rating.cost : null;
}

export type FirstSlice =
  { ok: true; amount: number; minAmount: number; seconds: number } | { ok: false; reason: 'no_rate' };

/**
 * The first credit slice of a forwarded leg: hold up to the cost of `sliceSeconds` (at most the
 * account's cap), and at least the cost of the tariff's first increment, below which the call
 * cannot be forwarded at all (insufficient credit).
 */
export function firstSlice(terms: SliceTerms): FirstSlice {
  const seconds = Math.min(terms.sliceSeconds, terms.maxCallSeconds);
  const amount = costOfSeconds(terms, seconds);
  const minimum = costOfSeconds(terms, 1);
  if (amount === null || minimum === null) return { ok: false, reason: 'no_rate' };
  return { ok: true, amount: Math.max(amount, minimum), minAmount: minimum, seconds };
}

/**
 * The talk seconds that `held` minor units pay for, up to `upTo`: the longest length whose cost
 * fits, ending on an increment boundary. 0 when not even the first increment fits.
 */
export function secondsCovered(terms: Pick<SliceTerms, 'tariff' | 'target'>, held: number, upTo: number): number {
  if (upTo < 1) return 0;
  const auth = authorizeCredit({ tariff: terms.tariff, destination: terms.target, available: held, maxCallSeconds: upTo });
  return auth.ok ? auth.maxSeconds : 0;
}

export interface NextSlice {
  /** The covered length to aim for: one more slice, at most the account's cap. */
  upTo: number;
  /** What to add to the hold for it. */
  amount: number;
}

/** The next slice of a leg that already holds `held` covering `covered` seconds; null at the cap. */
export function nextSlice(terms: SliceTerms, held: number, covered: number): NextSlice | null {
  if (covered >= terms.maxCallSeconds) return null;
  const upTo = Math.min(covered + terms.sliceSeconds, terms.maxCallSeconds);
  const cost = costOfSeconds(terms, upTo);
  if (cost === null) return null;
  return { upTo, amount: Math.max(0, cost - held) };
}
