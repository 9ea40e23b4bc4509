// PostgreSQL against Redis (when PostgreSQL is in the history): each call record drained to
// call_records agrees with Redis' record, and the journal's charges are exactly Redis' debits
// (one row per charged leg, keyed by the leg, for the same amount on the same account).
import type { History } from '../history/history.js';
import { violation, type Violation } from './violation.js';

/** The Redis debit log keeps the newest this many per account when the journal is on. */
export const REDIS_DEBIT_WINDOW = 1_000;

/** JSON with sorted keys: jsonb does not keep the order a record was written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function checkPgRecords(history: History): Violation[] {
  const out: Violation[] = [];
  const pg = history.pg!;
  const redis = new Map(history.records.map((r) => [r.callUuid, r]));
  for (const row of pg.records) {
    const live = redis.get(row.callUuid);
    if (live === undefined) {
      out.push(violation('pg-record-agrees', row.callUuid, `in call_records (${row.outcome}), no record in Redis`));
      continue;
    }
    if (canonicalJson(row) !== canonicalJson(live)) {
      const fields = Object.keys({ ...row, ...live }).filter((k) => canonicalJson((row as Record<string, unknown>)[k]) !== canonicalJson((live as Record<string, unknown>)[k]));
      out.push(violation('pg-record-agrees', row.callUuid, `call_records row differs from Redis' record in ${fields.join(', ')}`));
    }
  }
  return out;
}

function checkJournal(history: History): Violation[] {
  const out: Violation[] = [];
  const pg = history.pg!;
  const charges = new Map<string, (typeof pg.journal)[number][]>();
  for (const row of pg.journal) if (row.kind === 'charge') charges.set(row.id, [...(charges.get(row.id) ?? []), row]);
  const debitLegs = new Set<string>();
  for (const d of history.debits) {
    debitLegs.add(d.leg);
    const subject = d.callUuid ?? `account:${d.account}`;
    const rows = charges.get(d.leg) ?? [];
    if (rows.length !== 1) {
      out.push(violation('pg-journal', subject, `leg ${d.leg} debited ${d.amount} on ${d.account} in Redis, ${rows.length} journal charges`));
      continue;
    }
    const row = rows[0]!;
    if (row.account !== d.account || row.amount !== -d.amount) {
      out.push(violation('pg-journal', subject, `leg ${d.leg}: Redis debit ${d.amount} on ${d.account}, journal charge ${row.amount} on ${row.account}`));
    }
  }
  const debitsPerAccount = new Map<string, number>();
  for (const d of history.debits) debitsPerAccount.set(d.account, (debitsPerAccount.get(d.account) ?? 0) + 1);
  for (const [leg, rows] of charges) {
    if (debitLegs.has(leg)) continue;
    for (const row of rows) {
      // Past the Redis window an older debit is no longer listed there: nothing to compare with.
      if ((debitsPerAccount.get(row.account) ?? 0) >= REDIS_DEBIT_WINDOW) continue;
      out.push(violation('pg-journal', row.callUuid ?? `account:${row.account}`, `journal charge ${row.amount} on ${row.account} for leg ${leg}, no debit in Redis`));
    }
  }
  return out;
}

export function checkPostgres(history: History): Violation[] {
  if (history.pg === null) return [];
  return [...checkPgRecords(history), ...checkJournal(history)];
}
