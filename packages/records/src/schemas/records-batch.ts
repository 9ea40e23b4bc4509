import { CallRecordSchema } from '@callfwd/domain';
import { z } from 'zod';
import { JournalEntrySchema } from './journal-entry.js';
import { RecordingRowSchema } from './recording-row.js';
import { SettingsChangeSchema } from './settings-change.js';

/** What one writeBatch call writes, in one transaction. */
export const RecordsBatchSchema = z.object({
  records: z.array(CallRecordSchema).default([]),
  journal: z.array(JournalEntrySchema).default([]),
  recordings: z.array(RecordingRowSchema).default([]),
  history: z.array(SettingsChangeSchema).default([]),
});

export type RecordsBatch = z.infer<typeof RecordsBatchSchema>;
export type RecordsBatchInput = z.input<typeof RecordsBatchSchema>;

/** Rows inserted now (a row already there counts 0). */
export interface WriteBatchCounts {
  records: number;
  journal: number;
  recordings: number;
  history: number;
}
