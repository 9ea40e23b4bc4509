import { z } from 'zod';
import { IdSchema } from '../values/id.js';
import { UuidSchema } from '../values/uuid.js';

/** The parked, tagged inbound call a forward is for: what its CHANNEL_PARK (or a resync) told. */
export const ForwardCallSchema = z.object({
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

export type ForwardCall = z.infer<typeof ForwardCallSchema>;
