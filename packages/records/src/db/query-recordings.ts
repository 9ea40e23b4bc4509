// The recordings list, newest first, by account and time range, paged by cursor.
import { IdSchema } from '@callfwd/domain';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { RecordingRow } from '../schemas/recording-row.js';
import { PageSchema, type Page, type PageInput } from '../schemas/statement-filter.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseEdge } from './parse-edge.js';
import { createWhere } from './where.js';

export const RecordingsFilterSchema = z.object({
  account: IdSchema.optional(),
  from: z.int().min(0).optional(),
  to: z.int().min(0).optional(),
});

export type RecordingsFilter = z.infer<typeof RecordingsFilterSchema>;

interface RecordingDbRow {
  call_uuid: string;
  account: string;
  file: string;
  started_at: Date;
  seconds: number | null;
}

export async function queryRecordings(
  pool: Pool,
  filterInput: RecordingsFilter,
  pageInput: PageInput = {},
): Promise<Page<RecordingRow>> {
  const filter = parseEdge(RecordingsFilterSchema, filterInput, 'recordings filter');
  const page = parseEdge(PageSchema, pageInput, 'recordings page');
  const where = createWhere();
  if (filter.account !== undefined) where.add('account = ?', filter.account);
  if (filter.from !== undefined) where.add('started_at >= ?', new Date(filter.from).toISOString());
  if (filter.to !== undefined) where.add('started_at < ?', new Date(filter.to).toISOString());
  if (page.cursor !== undefined && page.cursor !== null) {
    const cursor = decodeCursor(page.cursor);
    where.add('(started_at, call_uuid) < (?, ?)', new Date(cursor.at).toISOString(), cursor.id);
  }
  where.params.push(page.limit + 1);
  const reply = await pool.query<RecordingDbRow>(
    `SELECT call_uuid, account, file, started_at, seconds FROM recordings ${where.sql()}
     ORDER BY started_at DESC, call_uuid DESC LIMIT $${where.params.length}`,
    where.params,
  );
  const rows = reply.rows.slice(0, page.limit).map((r) => ({
    callUuid: r.call_uuid,
    account: r.account,
    file: r.file,
    startedAt: r.started_at.getTime(),
    seconds: r.seconds,
  }));
  const last = rows.at(-1);
  const next =
    reply.rows.length > page.limit && last !== undefined
      ? encodeCursor({ at: last.startedAt, id: last.callUuid })
      : null;
  return { rows, next };
}
