import { z } from 'zod';
import { CurrencySchema } from '../values/currency.js';
import { IdSchema } from '../values/id.js';
import { MinorUnitsSchema } from '../values/minor-units.js';

/** Upper bound on money amounts in a tariff, so every cost stays a safe integer. */
export const MAX_TARIFF_AMOUNT = 1_000_000_000;

/** A billing increment "<first>/<next>" in seconds: 60/60, 60/1, 30/6, 1/1. */
export const IncrementSchema = z.string().regex(/^[1-9]\d{0,3}\/[1-9]\d{0,3}$/, {
  message: 'must be "<first>/<next>" in whole seconds from 1 to 9999, e.g. "60/60", "60/1", "1/1"',
});

export const RateSchema = z.strictObject({
  prefix: z
    .string()
    .regex(/^\d{1,15}$/, { message: 'must be 1 to 15 digits of an E.164 number, without "+"' }),
  perMinute: MinorUnitsSchema.max(MAX_TARIFF_AMOUNT, { message: `must be at most ${MAX_TARIFF_AMOUNT}` }),
});

export type Rate = z.infer<typeof RateSchema>;

/** A tariff: per-minute rates by longest destination prefix, a billing increment, a connect fee. */
export const TariffSchema = z.strictObject({
  id: IdSchema,
  currency: CurrencySchema,
  increment: IncrementSchema,
  connectFee: MinorUnitsSchema.max(MAX_TARIFF_AMOUNT, {
    message: `must be at most ${MAX_TARIFF_AMOUNT}`,
  }).default(0),
  rates: z.array(RateSchema).min(1, { message: 'needs at least one rate' }),
});

export type Tariff = z.infer<typeof TariffSchema>;
