import type { Tariff } from '../config/tariff-schema.js';
import { CallfwdError } from '../errors/callfwd-error.js';
import type { E164 } from '../values/e164.js';
import { findRate } from './find-rate.js';
import { ceilDiv, safeMultiply } from './integer-math.js';
import type { Increment } from './parse-increment.js';
import { chargedSecondsFor, parseIncrement } from './parse-increment.js';

export type CallRating =
  | { ok: true; cost: number; chargedSeconds: number; prefix: string; perMinute: number }
  | { ok: false; reason: 'no_rate' };

/** Cost in minor units of `chargedSeconds` at `perMinute`, plus the connect fee; 0 seconds cost nothing. */
export function costOf(chargedSeconds: number, perMinute: number, connectFee: number): number {
  if (chargedSeconds === 0) return 0;
  return connectFee + ceilDiv(safeMultiply(chargedSeconds, perMinute), 60);
}

/** The charged seconds and cost of a leg; the increment is passed in parsed form. */
export function rateSeconds(
  increment: Increment,
  perMinute: number,
  connectFee: number,
  billedSeconds: number,
) {
  const chargedSeconds = chargedSecondsFor(increment, billedSeconds);
  return { chargedSeconds, cost: costOf(chargedSeconds, perMinute, connectFee) };
}

/**
 * Rule 4: what a forwarded leg costs. Longest-prefix rate per minute, the tariff's billing
 * increment, the connect fee; integer minor units, rounded up. An unanswered leg (0 billed
 * seconds) costs nothing, not even the connect fee.
 *
 * @param billedSeconds the leg's billsec: a whole number >= 0 (anything else is a bug and throws)
 */
export function rateCall(tariff: Tariff, destination: E164, billedSeconds: number): CallRating {
  if (!Number.isSafeInteger(billedSeconds) || billedSeconds < 0) {
    throw new CallfwdError('BAD_INPUT', 'rateCall: billedSeconds must be a whole number >= 0');
  }
  const rate = findRate(tariff, destination);
  if (rate === null) return { ok: false, reason: 'no_rate' };
  const { chargedSeconds, cost } = rateSeconds(
    parseIncrement(tariff.increment),
    rate.perMinute,
    tariff.connectFee,
    billedSeconds,
  );
  return { ok: true, cost, chargedSeconds, prefix: rate.prefix, perMinute: rate.perMinute };
}
