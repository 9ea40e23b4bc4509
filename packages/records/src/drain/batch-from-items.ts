// Sorts outbox items into a records batch, each validated against its kind's schema; an item that
// does not fit is a problem (dead-lettered), never a reason to stop the drain.
import { CallRecordSchema, describeIssues } from '@callfwd/domain';
import { JournalEntrySchema } from '../schemas/journal-entry.js';
import type { RecordsBatch } from '../schemas/records-batch.js';
import { RecordingRowSchema } from '../schemas/recording-row.js';
import { SettingsChangeSchema } from '../schemas/settings-change.js';
import type { OutboxItem, OutboxReadProblem } from './outbox-source.js';

export function batchFromItems(items: readonly OutboxItem[]): {
  batch: RecordsBatch;
  problems: OutboxReadProblem[];
} {
  const batch: RecordsBatch = { records: [], journal: [], recordings: [], history: [] };
  const problems: OutboxReadProblem[] = [];
  for (const item of items) {
    const bad = (error: string) =>
      problems.push({ stream: item.stream, id: item.id, error: `${item.kind}: ${error}` });
    switch (item.kind) {
      case 'record': {
        const p = CallRecordSchema.safeParse(item.data);
        if (p.success) batch.records.push(p.data);
        else bad(describeIssues(p.error));
        break;
      }
      case 'journal': {
        const p = JournalEntrySchema.safeParse(item.data);
        if (p.success) batch.journal.push(p.data);
        else bad(describeIssues(p.error));
        break;
      }
      case 'recording': {
        const p = RecordingRowSchema.safeParse(item.data);
        if (p.success) batch.recordings.push(p.data);
        else bad(describeIssues(p.error));
        break;
      }
      case 'history': {
        const p = SettingsChangeSchema.safeParse(item.data);
        if (p.success) batch.history.push(p.data);
        else bad(describeIssues(p.error));
        break;
      }
    }
  }
  return { batch, problems };
}
