// The settings history, newest first, by key prefix and time range, paged by cursor.
import type { Pool } from 'pg';
import { z } from 'zod';
import type { SettingsChange } from '../schemas/settings-change.js';
import { PageSchema, type Page, type PageInput } from '../schemas/statement-filter.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseEdge } from './parse-edge.js';
import { createWhere } from './where.js';

export const HistoryFilterSchema = z.object({
  key: z.string().min(1).max(256).optional(),
  from: z.int().min(0).optional(),
  to: z.int().min(0).optional(),
});

export type HistoryFilter = z.infer<typeof HistoryFilterSchema>;

interface HistoryDbRow {
  id: string;
  at: Date;
  by_whom: string | null;
  key: string;
  old_value: unknown;
  new_value: unknown;
}

export async function queryHistory(
  pool: Pool,
  filterInput: HistoryFilter,
  pageInput: PageInput = {},
): Promise<Page<SettingsChange>> {
  const filter = parseEdge(HistoryFilterSchema, filterInput, 'history filter');
  const page = parseEdge(PageSchema, pageInput, 'history page');
  const where = createWhere();
  if (filter.key !== undefined) where.add('key = ?', filter.key);
  if (filter.from !== undefined) where.add('at >= ?', new Date(filter.from).toISOString());
  if (filter.to !== undefined) where.add('at < ?', new Date(filter.to).toISOString());
  if (page.cursor !== undefined && page.cursor !== null) {
    const cursor = decodeCursor(page.cursor);
    where.add('(at, id) < (?, ?)', new Date(cursor.at).toISOString(), cursor.id);
  }
  where.params.push(page.limit + 1);
  const reply = await pool.query<HistoryDbRow>(
    `SELECT id, at, by_whom, key, old_value, new_value FROM settings_history ${where.sql()}
     ORDER BY at DESC, id DESC LIMIT $${where.params.length}`,
    where.params,
  );
  const rows = reply.rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    at: r.at.getTime(),
    by: r.by_whom,
    key: r.key,
    old: r.old_value ?? null,
    new: r.new_value ?? null,
  }));
  const last = rows.at(-1);
  const next =
    reply.rows.length > page.limit && last !== undefined ? encodeCursor({ at: last.at, id: last.id }) : null;
  return { rows, next };
}
