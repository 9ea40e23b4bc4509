import { IdSchema, OutcomeSchema } from '@callfwd/domain';
import { z } from 'zod';

/** The statement's and the recordings' filters (the CLI's): all optional, all combined. */
export interface RecordsFilter {
  /** Inclusive bounds on the call's start (ms since the epoch). */
  from?: number;
  to?: number;
  account?: string;
  outcome?: string;
  connection?: string;
  employee?: string;
}

/** Newest first; `cursor` is the previous page's `next`. */
export interface RecordsPage {
  limit: number;
  cursor?: string;
}

export interface Paged<T> {
  items: T[];
  /** The cursor of the next page; null on the last one. */
  next: string | null;
}

/** A detailed-statement line: the domain's call record (read loosely: the store keeps it opaque). */
export const StatementRecordSchema = z
  .looseObject({
    callUuid: z.string(),
    node: z.string(),
    startedAt: z.number(),
    account: z.string().nullable(),
    outcome: z.string(),
    connection: z.string().optional(),
    employee: z.string().nullable().optional(),
  })
  .meta({ id: 'StatementRecord' });

export type StatementRecord = z.infer<typeof StatementRecordSchema>;

export const RecordingEntrySchema = z
  .object({
    callUuid: z.string(),
    file: z.string(),
    account: z.string(),
    startedAt: z.number(),
    seconds: z.number(),
    outcome: z.string().nullable(),
    connection: z.string().nullable(),
    employee: z.string().nullable(),
  })
  .meta({ id: 'Recording' });

export type RecordingEntry = z.infer<typeof RecordingEntrySchema>;

/**
 * Where the statement and the recordings are read from: today the Redis call-record and recordings
 * stores, later PostgreSQL (the records package plugs its own in). Cursors are opaque to callers.
 */
export interface RecordsReader {
  statement(filter: RecordsFilter, page: RecordsPage): Promise<Paged<StatementRecord>>;
  recordings(filter: RecordsFilter, page: RecordsPage): Promise<Paged<RecordingEntry>>;
}

/** The query string of /v1/statement and /v1/recordings. */
export const RecordsQuerySchema = z.strictObject({
  from: z.string().optional().describe('ms since the epoch, or an ISO date-time'),
  to: z.string().optional().describe('ms since the epoch, or an ISO date-time (inclusive)'),
  account: IdSchema.optional(),
  outcome: OutcomeSchema.optional(),
  connection: IdSchema.optional(),
  employee: IdSchema.optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, { message: 'must be a cursor from a previous page' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
