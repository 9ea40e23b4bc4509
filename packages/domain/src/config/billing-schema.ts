import { z } from 'zod';
import { SoundPathSchema } from './sound-path-schema.js';

const BILLING_DEFAULTS = {
  sliceSeconds: 300,
  renewBeforeSeconds: 30,
  holdGraceSeconds: 300,
};

const wholeBetween = (min: number, max: number) =>
  z
    .int({ message: `must be a whole number from ${min} to ${max}` })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

/**
 * Credit in slices (RFC 4006 style): a forwarded call is authorized for a first slice of talk
 * time, and `renewBeforeSeconds` before the granted time runs out the next slice is reserved; a
 * call whose next slice cannot be reserved ends at the end of what was granted. A hold that nobody
 * resolves expires `holdGraceSeconds` after the latest moment its call could have ended.
 */
export const BillingConfigSchema = z
  .strictObject({
    sliceSeconds: wholeBetween(30, 86_400).default(BILLING_DEFAULTS.sliceSeconds),
    renewBeforeSeconds: wholeBetween(5, 3_600).default(BILLING_DEFAULTS.renewBeforeSeconds),
    holdGraceSeconds: wholeBetween(30, 86_400).default(BILLING_DEFAULTS.holdGraceSeconds),
    /** Rule 12: a sound both parties hear `secondsBefore` a call is cut for lack of credit; absent: none. */
    lowBalanceWarning: z
      .strictObject({ secondsBefore: wholeBetween(1, 120), sound: SoundPathSchema })
      .optional(),
  })
  .refine((b) => b.renewBeforeSeconds < b.sliceSeconds, {
    message: 'renewBeforeSeconds must be shorter than sliceSeconds',
    path: ['renewBeforeSeconds'],
  })
  .refine((b) => b.lowBalanceWarning === undefined || b.lowBalanceWarning.secondsBefore <= b.renewBeforeSeconds, {
    message: 'must be at most renewBeforeSeconds: a call is known to be cut only when its next slice is refused, renewBeforeSeconds before its end',
    path: ['lowBalanceWarning', 'secondsBefore'],
  })
  .default(BILLING_DEFAULTS);

export type BillingConfig = z.infer<typeof BillingConfigSchema>;
