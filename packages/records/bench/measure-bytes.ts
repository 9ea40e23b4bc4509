// Measures what a forward costs in PostgreSQL: inserts a sample of forwards (record, charge, the
// forward leg's CDR; a recording for every tenth) into a fresh schema, then reads the sizes of the
// tables and their indexes. Usage: DATABASE_URL=... node --import=tsx --conditions=@callfwd/source bench/measure-bytes.ts [calls]
import { randomUUID } from 'node:crypto';
import type { CallRecord } from '@callfwd/domain';
import pg from 'pg';
import { createRecordsDb } from '../src/index.js';
import type { JournalEntry, LegCdr, RecordingRow } from '../src/index.js';

const calls = Number(process.argv[2] ?? 20_000);
const url = process.env.DATABASE_URL;
if (url === undefined) throw new Error('DATABASE_URL is not set');
const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const u = new URL(url);
u.searchParams.set('options', `-c search_path=${schema}`);
const db = createRecordsDb({ url: u.toString() });
try {
  await db.migrate();
  const now = Date.now();
  let writeMs = 0;
  for (let done = 0; done < calls; done += 500) {
    const records: CallRecord[] = [];
    const journal: JournalEntry[] = [];
    const recordings: RecordingRow[] = [];
    for (let i = done; i < Math.min(calls, done + 500); i += 1) {
      const callUuid = randomUUID();
      const leg = randomUUID();
      const startedAt = now - i * 10;
      const recorded = i % 10 === 0;
      const file = `/var/lib/callfwd/recordings/acct-${i % 50}/${callUuid}.wav`;
      records.push({
        callUuid,
        node: 'fs1',
        connection: `pbx-${i % 20}`,
        caller: { number: '+48221234567', name: 'Alice Caller' },
        dialled: '600940',
        employee: `emp-${i % 200}`,
        target: '+48601000001',
        viaLine: 'line-1',
        viaNumber: '+48220000001',
        callerIdPresented: '+48221234567',
        callerIdReason: null,
        diversion: '+48220000099',
        startedAt,
        answeredAt: startedAt + 8000,
        endedAt: startedAt + 98_000,
        billedSeconds: 90,
        cost: 135,
        currency: 'PLN',
        account: `acct-${i % 50}`,
        outcome: 'answered',
        hangupCause: 'NORMAL_CLEARING',
        recording: recorded ? { file, seconds: 90 } : null,
        attempts: [{ line: 'line-1', legUuid: leg, outcome: 'answered', cause: null }],
        note: null,
      });
      journal.push({
        id: leg,
        account: `acct-${i % 50}`,
        kind: 'charge',
        amount: -135,
        currency: 'PLN',
        leg,
        call: callUuid,
        at: startedAt + 98_000,
        note: null,
      });
      if (recorded)
        recordings.push({
          callUuid,
          account: `acct-${i % 50}`,
          file,
          startedAt: startedAt + 8000,
          seconds: 90,
        });
      const cdr: LegCdr = {
        leg,
        call: callUuid,
        otherLeg: callUuid,
        direction: 'outbound',
        forwardLeg: true,
        billsec: 90,
        billmsec: 90_020,
        duration: 98,
        hangupCause: 'NORMAL_CLEARING',
        startEpoch: Math.floor(startedAt / 1000),
        answerEpoch: Math.floor(startedAt / 1000) + 8,
        endEpoch: Math.floor(startedAt / 1000) + 98,
        variables: { callfwd_parent: callUuid, callfwd_leg: leg },
      };
      await db.recordLegCdr(cdr);
    }
    const t0 = performance.now();
    await db.writeBatch({ records, journal, recordings });
    writeMs += performance.now() - t0;
  }
  await db.pool.query('VACUUM ANALYZE');
  const sizes: { name: string; rows: string; bytes: string }[] = [];
  for (const name of ['call_records', 'journal', 'recordings', 'leg_cdrs']) {
    // a partitioned table's size is the sum of its partitions (and their indexes)
    const bytes = await db.pool.query<{ b: string }>(
      `SELECT (coalesce((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = $1::regclass), 0)
               + pg_total_relation_size($1::regclass))::text AS b`,
      [name],
    );
    const rows = await db.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${name}`);
    sizes.push({ name, rows: rows.rows[0]?.n ?? '0', bytes: bytes.rows[0]?.b ?? '0' });
  }
  process.stdout.write(
    `writeBatch: ${calls} forwards (record + charge + 0.1 recording) in ${writeMs.toFixed(0)} ms, ${((calls * 1000) / writeMs).toFixed(0)}/s\n`,
  );
  let total = 0;
  for (const row of sizes) {
    const perRow = Number(row.bytes) / Number(row.rows);
    total += Number(row.bytes) / calls;
    process.stdout.write(
      `${row.name.padEnd(13)} rows ${row.rows.padStart(7)}  bytes ${row.bytes.padStart(10)}  ${perRow.toFixed(0)} B/row\n`,
    );
  }
  process.stdout.write(`per forward: ${total.toFixed(0)} B (tables + indexes)` + '\n');
  for (const rate of [100, 1000]) {
    const perDay = rate * 86_400;
    process.stdout.write(
      `${rate}/s: ${perDay.toLocaleString('en')} forwards/day, ${((perDay * total) / 1e9).toFixed(1)} GB/day\n`,
    );
  }
} finally {
  await db.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
