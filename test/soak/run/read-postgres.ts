// PostgreSQL's side of the history, read with psql (the test workspace has no PostgreSQL client
// library): call_records rows per call, and each account's balance of record (opening + journal).
import { execFileSync } from 'node:child_process';
import { z } from 'zod';
import type { Config } from '@callfwd/domain';
import type { PgView } from '../history/history.js';

const CountsSchema = z.record(z.string(), z.coerce.number().int());

function query(url: string, sql: string): unknown {
  const out = execFileSync('psql', [url, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim() || '{}') as unknown;
}

export function readPostgres(url: string, config: Config): { ok: true; view: PgView } | { ok: false; reason: string } {
  try {
    const counts = CountsSchema.parse(query(url, "select coalesce(json_object_agg(call_uuid, n), '{}') from (select call_uuid, count(*) as n from call_records group by call_uuid) t"));
    const sums = CountsSchema.parse(query(url, "select coalesce(json_object_agg(account, s), '{}') from (select account, sum(amount) as s from journal group by account) t"));
    const balances = Object.fromEntries(config.accounts.map((a) => [a.id, a.openingBalance + (sums[a.id] ?? 0)]));
    return { ok: true, view: { callRecordCounts: counts, balances } };
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `PostgreSQL not read: ${text.split('\n').find((l) => l.includes('ERROR')) ?? text.slice(0, 200)}` };
  }
}
