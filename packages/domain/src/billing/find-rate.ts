import type { Rate, Tariff } from '../config/tariff-schema.js';
import type { E164 } from '../values/e164.js';
import { toDialDigits } from '../values/e164.js';

/** The tariff's rate for a destination: the longest prefix of its digits wins; `null` when none matches. */
export function findRate(tariff: Pick<Tariff, 'rates'>, destination: E164): Rate | null {
  const digits = toDialDigits(destination);
  let best: Rate | null = null;
  for (const rate of tariff.rates) {
    if (digits.startsWith(rate.prefix) && (best === null || rate.prefix.length > best.prefix.length))
      best = rate;
  }
  return best;
}
