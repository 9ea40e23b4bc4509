// One transaction of multi-row INSERT ... ON CONFLICT DO NOTHING per table: a repeat changes nothing
// and the counts say what was new.
import type { CallRecord } from '@callfwd/domain';
import type { PoolClient } from 'pg';
import type { RecordsBatch, WriteBatchCounts } from '../schemas/records-batch.js';

type Row = readonly unknown[];

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Inserts rows (same width each) in one statement; returns how many were new. */
async function insertRows(client: PoolClient, head: string, conflict: string, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const width = rows[0]?.length ?? 0;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const marks = row.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    if (marks.length !== width) throw new RangeError('insertRows: rows of different widths');
    return `(${marks.join(', ')})`;
  });
  const reply = await client.query(
    `${head} VALUES ${tuples.join(', ')} ON CONFLICT ${conflict} DO NOTHING`,
    params,
  );
  return reply.rowCount ?? 0;
}

function recordRow(r: CallRecord): Row {
  return [
    r.callUuid,
    iso(r.startedAt),
    r.account,
    r.connection,
    r.employee,
    r.caller.number,
    r.dialled,
    r.target,
    r.outcome,
    iso(r.answeredAt),
    iso(r.endedAt),
    r.billedSeconds,
    r.cost,
    r.currency,
    r.recording !== null,
    r.recording?.file ?? null,
    JSON.stringify(r.attempts),
    JSON.stringify(r),
  ];
}

/** Rows per INSERT statement, well under PostgreSQL's 65535 bind parameters. */
const CHUNK = 500;

async function insertChunked(
  client: PoolClient,
  head: string,
  conflict: string,
  rows: Row[],
): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += CHUNK)
    count += await insertRows(client, head, conflict, rows.slice(i, i + CHUNK));
  return count;
}

/** Writes a validated batch in one transaction (the caller holds the client). */
export async function writeBatchWith(client: PoolClient, batch: RecordsBatch): Promise<WriteBatchCounts> {
  await client.query('BEGIN');
  try {
    const counts: WriteBatchCounts = {
      records: await insertChunked(
        client,
        `INSERT INTO call_records (call_uuid, started_at, account, connection, employee, caller, dialled, target,
           outcome, answered_at, ended_at, billed_seconds, cost_minor, currency, recorded, recording_path, attempts, record)`,
        '(call_uuid, started_at)',
        batch.records.map(recordRow),
      ),
      journal: await insertChunked(
        client,
        'INSERT INTO journal (id, account, kind, amount_minor, currency, leg, call_uuid, at, note)',
        '(id)',
        batch.journal.map((e) => [
          e.id,
          e.account,
          e.kind,
          e.amount,
          e.currency,
          e.leg,
          e.call,
          iso(e.at),
          e.note,
        ]),
      ),
      recordings: await insertChunked(
        client,
        'INSERT INTO recordings (call_uuid, account, file, started_at, seconds)',
        '(call_uuid)',
        batch.recordings.map((r) => [r.callUuid, r.account, r.file, iso(r.startedAt), r.seconds]),
      ),
      history: await insertChunked(
        client,
        'INSERT INTO settings_history (id, at, by_whom, key, old_value, new_value)',
        '(id)',
        batch.history.map((h) => [
          h.id,
          iso(h.at),
          h.by,
          h.key,
          JSON.stringify(h.old),
          JSON.stringify(h.new),
        ]),
      ),
    };
    await client.query('COMMIT');
    return counts;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
