import { z } from 'zod';

/** Money as an integer count of minor units (cents, grosze): never a float. */
export const MinorUnitsSchema = z
  .int({ message: 'must be a whole number of minor units' })
  .min(0, { message: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER, { message: 'is too large' });

export type MinorUnits = z.infer<typeof MinorUnitsSchema>;
