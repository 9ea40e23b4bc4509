import { z } from 'zod';

/** An ISO 4217 currency code: three upper-case letters. */
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: 'must be a currency code of three upper-case letters, e.g. EUR' });

export type Currency = z.infer<typeof CurrencySchema>;
