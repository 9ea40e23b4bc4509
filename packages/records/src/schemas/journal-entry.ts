import { CurrencySchema, IdSchema, UuidSchema } from '@callfwd/domain';
import { z } from 'zod';

export const JOURNAL_KINDS = ['charge', 'topup', 'adjustment'] as const;

const signedMinor = z.int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/**
 * One ledger journal row: a debit (charge, amount <= 0), a top-up (amount >= 0) or an adjustment
 * (either sign). The id is the idempotency key: the leg uuid of a charge, the ref of a top-up,
 * `adj:<leg>` for a CDR correction.
 */
export const JournalEntrySchema = z
  .object({
    id: z.string().min(1).max(200),
    account: IdSchema,
    kind: z.enum(JOURNAL_KINDS),
    amount: signedMinor,
    currency: CurrencySchema,
    leg: UuidSchema.nullable(),
    call: UuidSchema.nullable(),
    /** ms since the epoch */
    at: z.int().min(0),
    note: z.string().max(1024).nullable(),
  })
  .refine((e) => e.kind !== 'charge' || e.amount <= 0, { message: 'a charge is a debit: amount <= 0' })
  .refine((e) => e.kind !== 'topup' || e.amount >= 0, { message: 'a top-up is a credit: amount >= 0' });

export type JournalEntry = z.infer<typeof JournalEntrySchema>;
