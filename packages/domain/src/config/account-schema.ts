import { z } from 'zod';
import { CountrySchema } from '../limits/country-schema.js';
import { AccountLimitsSchema } from '../limits/limits-schema.js';
import { CurrencySchema } from '../values/currency.js';
import { IdSchema } from '../values/id.js';
import { MinorUnitsSchema } from '../values/minor-units.js';

/** The longest a forwarded call may last, whatever the balance: one day. */
export const MAX_CALL_SECONDS_LIMIT = 86_400;

/** Who pays for a line: the platform telephony balance or a PBX provider's account. */
export const AccountSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1).max(200).optional(),
  currency: CurrencySchema,
  tariff: IdSchema,
  recordAllCalls: z.boolean().default(false),
  fallback: IdSchema,
  openingBalance: MinorUnitsSchema.default(0),
  maxCallSeconds: z
    .int({ message: 'must be a whole number of seconds' })
    .min(1, { message: 'must be at least 1' })
    .max(MAX_CALL_SECONDS_LIMIT, { message: `must be at most ${MAX_CALL_SECONDS_LIMIT}` })
    .default(3600),
  /**
   * The account's home country (ISO 3166-1 alpha-2), against which destinations are international.
   * Left out, parseConfig takes the country of the numbers of the lines the account pays for.
   */
  country: CountrySchema.optional(),
  /** Rule 11: concurrent forwards and destination prefixes. */
  limits: AccountLimitsSchema.optional(),
});

export type Account = z.infer<typeof AccountSchema>;
