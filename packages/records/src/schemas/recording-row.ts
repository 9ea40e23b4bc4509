import { IdSchema, UuidSchema } from '@callfwd/domain';
import { z } from 'zod';

/** One entry of the recordings list (the shape of the Redis recording store's entries). */
export const RecordingRowSchema = z.object({
  callUuid: UuidSchema,
  account: IdSchema,
  file: z.string().min(1).max(1024),
  /** ms since the epoch: when the recording started (the target answered) */
  startedAt: z.int().min(0),
  seconds: z.number().nonnegative().nullable(),
});

export type RecordingRow = z.infer<typeof RecordingRowSchema>;
