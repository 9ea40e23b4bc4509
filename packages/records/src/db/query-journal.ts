// The journal of an account and its balance of record (opening balance + the sum of the journal).
import { IdSchema } from '@callfwd/domain';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { JournalEntry } from '../schemas/journal-entry.js';
import { parseEdge } from './parse-edge.js';
import { createWhere } from './where.js';

export const TimeRangeSchema = z.object({ from: z.int().min(0).optional(), to: z.int().min(0).optional() });
export type TimeRange = z.infer<typeof TimeRangeSchema>;

interface JournalDbRow {
  id: string;
  account: string;
  kind: JournalEntry['kind'];
  amount_minor: string;
  currency: string;
  leg: string | null;
  call_uuid: string | null;
  at: Date;
  note: string | null;
}

/** bigint comes back as a string; callfwd's amounts are safe integers. */
export function toSafeInteger(text: string | number | null): number {
  const n = Number(text ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${text}`);
  return n;
}

export function journalRowToEntry(r: JournalDbRow): JournalEntry {
  return {
    id: r.id,
    account: r.account,
    kind: r.kind,
    amount: toSafeInteger(r.amount_minor),
    currency: r.currency,
    leg: r.leg,
    call: r.call_uuid,
    at: r.at.getTime(),
    note: r.note,
  };
}

export const JOURNAL_COLUMNS = 'id, account, kind, amount_minor, currency, leg, call_uuid, at, note';

/** Oldest first (the order a balance is built in). */
export async function queryJournal(
  pool: Pool,
  account: string,
  rangeInput: TimeRange = {},
): Promise<JournalEntry[]> {
  const id = parseEdge(IdSchema, account, 'account');
  const range = parseEdge(TimeRangeSchema, rangeInput, 'journal range');
  const where = createWhere();
  where.add('account = ?', id);
  if (range.from !== undefined) where.add('at >= ?', new Date(range.from).toISOString());
  if (range.to !== undefined) where.add('at < ?', new Date(range.to).toISOString());
  const reply = await pool.query<JournalDbRow>(
    `SELECT ${JOURNAL_COLUMNS} FROM journal ${where.sql()} ORDER BY at, id`,
    where.params,
  );
  return reply.rows.map(journalRowToEntry);
}

export interface BalanceOfRecord {
  account: string;
  opening: number;
  /** the sum of the journal (charges negative) */
  movements: number;
  balance: number;
  entries: number;
}

export async function queryBalanceOfRecord(
  pool: Pool,
  account: string,
  openingBalance: number,
): Promise<BalanceOfRecord> {
  const id = parseEdge(IdSchema, account, 'account');
  const opening = parseEdge(z.int().min(0), openingBalance, 'opening balance');
  const reply = await pool.query<{ sum: string | null; n: string }>(
    'SELECT sum(amount_minor) AS sum, count(*) AS n FROM journal WHERE account = $1',
    [id],
  );
  const movements = toSafeInteger(reply.rows[0]?.sum ?? 0);
  return {
    account: id,
    opening,
    movements,
    balance: opening + movements,
    entries: toSafeInteger(reply.rows[0]?.n ?? 0),
  };
}
