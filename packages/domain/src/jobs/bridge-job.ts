import { z } from 'zod';
import { describeIssues } from '../values/describe-issues.js';
import { IdSchema } from '../values/id.js';
import { UuidSchema } from '../values/uuid.js';
import type { PayloadResult } from './payload-result.js';

/** A parked, tagged call to consider for forwarding. Producer: listener; consumer: worker. */
export const BridgeJobSchema = z.object({
  v: z.literal(1),
  node: IdSchema,
  callUuid: UuidSchema,
  connection: IdSchema,
  dialled: z.string().max(64),
  callerNumber: z.string().max(256),
  callerName: z.string().max(256),
  disposition: z.string().max(64).nullable(),
  /** ms since the epoch, from the CHANNEL_PARK event. */
  parkedAt: z.number().nonnegative(),
  isForwardLeg: z.boolean(),
});

export type BridgeJob = z.infer<typeof BridgeJobSchema>;

/** The BullMQ job id: one job per call, whichever listener saw it (custom ids must not contain ':'). */
export function bridgeJobId(node: string, callUuid: string): string {
  return `bridge-${node}-${callUuid}`;
}

export function parseBridgeJob(data: unknown): PayloadResult<BridgeJob> {
  const parsed = BridgeJobSchema.safeParse(data);
  return parsed.success ? { ok: true, job: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
}
