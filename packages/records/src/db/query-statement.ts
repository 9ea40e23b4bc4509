// The detailed statement: call records newest first, filtered, paged by an opaque cursor.
import { CallRecordSchema, type CallRecord } from '@callfwd/domain';
import type { Pool } from 'pg';
import {
  PageSchema,
  StatementFilterSchema,
  type Page,
  type PageInput,
  type StatementFilter,
} from '../schemas/statement-filter.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseEdge, parseStored } from './parse-edge.js';
import { createWhere } from './where.js';

export async function queryStatement(
  pool: Pool,
  filterInput: StatementFilter,
  pageInput: PageInput = {},
): Promise<Page<CallRecord>> {
  const filter = parseEdge(StatementFilterSchema, filterInput, 'statement filter');
  const page = parseEdge(PageSchema, pageInput, 'statement page');
  const where = createWhere();
  if (filter.from !== undefined) where.add('started_at >= ?', new Date(filter.from).toISOString());
  if (filter.to !== undefined) where.add('started_at < ?', new Date(filter.to).toISOString());
  if (filter.account !== undefined) where.add('account = ?', filter.account);
  if (filter.outcome !== undefined) where.add('outcome = ?', filter.outcome);
  if (filter.connection !== undefined) where.add('connection = ?', filter.connection);
  if (filter.employee !== undefined) where.add('employee = ?', filter.employee);
  if (page.cursor !== undefined && page.cursor !== null) {
    const cursor = decodeCursor(page.cursor);
    where.add('(started_at, call_uuid) < (?, ?)', new Date(cursor.at).toISOString(), cursor.id);
  }
  where.params.push(page.limit + 1);
  const reply = await pool.query<{ record: unknown }>(
    `SELECT record FROM call_records ${where.sql()}
     ORDER BY started_at DESC, call_uuid DESC LIMIT $${where.params.length}`,
    where.params,
  );
  const rows = reply.rows
    .slice(0, page.limit)
    .map((row) => parseStored(CallRecordSchema, row.record, 'call record'));
  const last = rows.at(-1);
  const next =
    reply.rows.length > page.limit && last !== undefined
      ? encodeCursor({ at: last.startedAt, id: last.callUuid })
      : null;
  return { rows, next };
}
