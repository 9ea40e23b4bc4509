import { z } from 'zod';
import { COUNTRIES, type Country } from './calling-codes.js';

function isCountry(code: string): code is Country {
  return COUNTRIES.some((c) => c === code);
}

/** An ISO 3166-1 alpha-2 country code from the calling-code table (`PL`, `DE`). */
export const CountrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code such as PL' })
  .refine(isCountry, {
    message: 'is not a country in the calling-code table (packages/domain/src/limits/calling-codes.ts)',
  });
