import type { Tariff } from '../config/tariff-schema.js';
import { CallfwdError } from '../errors/callfwd-error.js';
import type { E164 } from '../values/e164.js';
import { findRate } from './find-rate.js';
import { chargedSecondsFor, parseIncrement } from './parse-increment.js';
import { costOf } from './rate-call.js';

export interface AuthorizeCreditInput {
  tariff: Tariff;
  destination: E164;
  /** Minor units on the paying account not yet reserved by other calls. */
  available: number;
  /** The account's cap on a forwarded call's length. */
  maxCallSeconds: number;
}

export type CreditAuthorization =
  | { ok: true; maxSeconds: number; reserve: number }
  | { ok: false; reason: 'insufficient_credit' | 'no_rate'; detail: string };

/**
 * Rule 4: how long a forwarded call may last on the available balance, and what to reserve
 * for it. `maxSeconds` is the longest length up to `maxCallSeconds` whose cost (connect fee
 * included) fits `available`; below the cap it ends on an increment boundary, so one more
 * increment would not fit. `reserve` is what a call of `maxSeconds` costs. O(log n).
 */
export function authorizeCredit(input: AuthorizeCreditInput): CreditAuthorization {
  const { tariff, available, maxCallSeconds } = input;
  if (!Number.isSafeInteger(available) || !Number.isSafeInteger(maxCallSeconds) || maxCallSeconds < 1) {
    throw new CallfwdError(
      'BAD_INPUT',
      'authorizeCredit: available and maxCallSeconds must be whole numbers',
    );
  }
  const rate = findRate(tariff, input.destination);
  if (rate === null) {
    return { ok: false, reason: 'no_rate', detail: `tariff ${tariff.id} has no rate for this destination` };
  }
  const increment = parseIncrement(tariff.increment);
  const cost = (seconds: number): number =>
    costOf(chargedSecondsFor(increment, seconds), rate.perMinute, tariff.connectFee);

  const capCost = cost(maxCallSeconds);
  if (capCost <= available) return { ok: true, maxSeconds: maxCallSeconds, reserve: capCost };

  // Boundaries below the cap: first + k * next for k in [0, last]. Cost grows with k: binary search.
  const insufficient: CreditAuthorization = {
    ok: false,
    reason: 'insufficient_credit',
    detail: `available ${available} ${tariff.currency} minor units do not cover the first ${increment.first} s (${cost(increment.first)})`,
  };
  if (increment.first > maxCallSeconds || cost(increment.first) > available) return insufficient;
  let low = 0; // cost(boundary(low)) fits
  let high = Math.floor((maxCallSeconds - increment.first) / increment.next); // may not fit
  const boundary = (k: number): number => increment.first + k * increment.next;
  while (low < high) {
    const mid = low + Math.ceil((high - low) / 2);
    if (cost(boundary(mid)) <= available) low = mid;
    else high = mid - 1;
  }
  const maxSeconds = boundary(low);
  return { ok: true, maxSeconds, reserve: cost(maxSeconds) };
}
