// PostgreSQL's side of the history, read with psql (the test workspace has no PostgreSQL client
// library): call_records rows per call and their stored records, the journal, and each account's
// balance of record (opening + journal).
import { execFileSync } from 'node:child_process';
import { z } from 'zod';
import { CallRecordSchema, type Config } from '@callfwd/domain';
import { PgJournalRowSchema, type PgView } from '../history/history.js';

const CountsSchema = z.record(z.string(), z.coerce.number().int());
const RecordsSchema = z.array(CallRecordSchema);
const JournalSchema = z.array(PgJournalRowSchema.extend({ amount: z.coerce.number().int() }));

function query(url: string, sql: string): unknown {
  const out = execFileSync('psql', [url, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out.trim() || 'null') as unknown;
}

const COUNTS = "select coalesce(json_object_agg(call_uuid, n), '{}') from (select call_uuid, count(*) as n from call_records group by call_uuid) t";
const RECORDS = "select coalesce(json_agg(record order by started_at, call_uuid), '[]') from call_records";
const JOURNAL =
  "select coalesce(json_agg(json_build_object('id', id, 'account', account, 'kind', kind, 'amount', amount_minor, 'leg', leg, 'callUuid', call_uuid) order by at, id), '[]') from journal";

export function readPostgres(url: string, config: Config): { ok: true; view: PgView } | { ok: false; reason: string } {
  try {
    const counts = CountsSchema.parse(query(url, COUNTS));
    const records = RecordsSchema.parse(query(url, RECORDS));
    const journal = JournalSchema.parse(query(url, JOURNAL));
    const sums = new Map<string, number>();
    for (const row of journal) sums.set(row.account, (sums.get(row.account) ?? 0) + row.amount);
    const balances = Object.fromEntries(config.accounts.map((a) => [a.id, a.openingBalance + (sums.get(a.id) ?? 0)]));
    return { ok: true, view: { callRecordCounts: counts, records, journal, balances } };
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `PostgreSQL not read: ${text.split('\n').find((l) => l.includes('ERROR')) ?? text.slice(0, 300)}` };
  }
}
