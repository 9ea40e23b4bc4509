import { z } from 'zod';
import { describeIssues } from '../values/describe-issues.js';
import { IdSchema } from '../values/id.js';
import { UuidSchema } from '../values/uuid.js';
import type { PayloadResult } from './payload-result.js';

/** A forwarded leg that hung up: rate it, debit once, write the call record. Producer: listener. */
export const SettleJobSchema = z.object({
  v: z.literal(1),
  node: IdSchema,
  /** The inbound call. */
  callUuid: UuidSchema,
  /** The forwarded (outbound) leg. */
  legUuid: UuidSchema,
  hangupCause: z.string().max(64),
  billsec: z.int().min(0),
  answeredAt: z.number().nonnegative().nullable(),
  /** ms since the epoch. */
  endedAt: z.number().nonnegative(),
});

export type SettleJob = z.infer<typeof SettleJobSchema>;

/** The BullMQ job id: one settlement per leg. */
export function settleJobId(node: string, legUuid: string): string {
  return `settle-${node}-${legUuid}`;
}

export function parseSettleJob(data: unknown): PayloadResult<SettleJob> {
  const parsed = SettleJobSchema.safeParse(data);
  return parsed.success ? { ok: true, job: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
}
