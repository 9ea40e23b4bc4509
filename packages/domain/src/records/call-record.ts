import { z } from 'zod';
import { CurrencySchema } from '../values/currency.js';
import { describeIssues } from '../values/describe-issues.js';
import { E164Schema } from '../values/e164.js';
import { IdSchema } from '../values/id.js';
import { MinorUnitsSchema } from '../values/minor-units.js';
import { UuidSchema } from '../values/uuid.js';
import { OutcomeSchema } from './outcome.js';

const epochMs = z.number().nonnegative();
const cause = z.string().max(64);

/**
 * One leg placed for the forward: the line, the number it rang and its follow-me step (absent in
 * records from before follow-me), and how it ended. `answered` marks the leg the caller talked to.
 */
export const CallAttemptSchema = z.object({
  line: IdSchema,
  legUuid: UuidSchema,
  target: E164Schema.nullable().optional(),
  step: z.int().min(0).optional(),
  outcome: OutcomeSchema,
  cause: cause.nullable(),
});

export type CallAttempt = z.infer<typeof CallAttemptSchema>;

/**
 * The detailed statement of one forwarded call. Caller-controlled strings (caller number
 * and name, dialled number) are stored as received: they are data, bounded in length.
 */
export const CallRecordSchema = z.object({
  callUuid: UuidSchema,
  node: IdSchema,
  connection: IdSchema,
  caller: z.object({ number: z.string().max(256), name: z.string().max(256) }),
  dialled: z.string().max(64),
  employee: IdSchema.nullable(),
  target: E164Schema.nullable(),
  viaLine: IdSchema.nullable(),
  viaNumber: E164Schema.nullable(),
  callerIdPresented: z.string().max(64).nullable(),
  callerIdReason: z.string().max(1024).nullable(),
  diversion: z.string().max(64).nullable(),
  startedAt: epochMs,
  answeredAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  billedSeconds: z.int().min(0),
  cost: MinorUnitsSchema,
  currency: CurrencySchema.nullable(),
  account: IdSchema.nullable(),
  outcome: OutcomeSchema,
  hangupCause: cause.nullable(),
  recording: z
    .object({ file: z.string().min(1).max(1024), seconds: z.number().nonnegative().nullable() })
    .nullable(),
  attempts: z.array(CallAttemptSchema).max(64),
  note: z.string().max(1024).nullable(),
});

export type CallRecord = z.infer<typeof CallRecordSchema>;

/** Checks a stored call record (e.g. read back from Redis). */
export function parseCallRecord(
  data: unknown,
): { ok: true; record: CallRecord } | { ok: false; error: string } {
  const parsed = CallRecordSchema.safeParse(data);
  return parsed.success
    ? { ok: true, record: parsed.data }
    : { ok: false, error: describeIssues(parsed.error) };
}
