import { createServer } from 'node:net';
import { expect } from 'chai';
import { createRecordsDb } from '../../src/db/create-records-db.js';
import { startRecordsDrain, type DrainLog, type RecordsDrain } from '../../src/drain/start-records-drain.js';
import type { JournalEntry } from '../../src/schemas/journal-entry.js';
import { callRecord, useRecordsDb, uuid } from '../support/database.js';
import { createMemoryOutbox, type MemoryOutbox } from '../support/memory-outbox.js';

interface Logged {
  level: string;
  msg: string;
}

function memoryLog(into: Logged[]): DrainLog {
  return {
    info: (_o, msg) => into.push({ level: 'info', msg }),
    warn: (_o, msg) => into.push({ level: 'warn', msg }),
    error: (_o, msg) => into.push({ level: 'error', msg }),
  };
}

async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** A forward's record and its charge, as the worker appends them. */
function appendForward(
  outbox: MemoryOutbox,
  account: string,
): { callUuid: string; leg: string; cost: number } {
  const record = callRecord({ account });
  const leg = record.attempts[0]?.legUuid ?? uuid();
  const entry: JournalEntry = {
    id: leg,
    account,
    kind: 'charge',
    amount: -record.cost,
    currency: 'PLN',
    leg,
    call: record.callUuid,
    at: record.endedAt ?? 0,
    note: null,
  };
  outbox.append('record', record);
  outbox.append('journal', entry);
  return { callUuid: record.callUuid, leg, cost: record.cost };
}

describe('startRecordsDrain', () => {
  const t = useRecordsDb();
  const drains: RecordsDrain[] = [];

  afterEach(async () => {
    await Promise.all(drains.splice(0).map((d) => d.stop()));
  });

  async function counts(account: string): Promise<{ records: number; journal: number; sum: number }> {
    const r = await t.db.pool.query<{ r: string; j: string; s: string | null }>(
      `SELECT (SELECT count(*) FROM call_records WHERE account = $1) AS r,
              (SELECT count(*) FROM journal WHERE account = $1) AS j,
              (SELECT sum(amount_minor) FROM journal WHERE account = $1) AS s`,
      [account],
    );
    const row = r.rows[0];
    return { records: Number(row?.r), journal: Number(row?.j), sum: Number(row?.s ?? 0) };
  }

  it('two drains on one outbox write every entry once', async () => {
    const outbox = createMemoryOutbox();
    const forwards = Array.from({ length: 60 }, () => appendForward(outbox, 'drain-twice'));
    const logged: Logged[] = [];
    drains.push(
      startRecordsDrain({ outbox, db: t.db, batchSize: 7, intervalMs: 10, log: memoryLog(logged) }),
      startRecordsDrain({ outbox, db: t.db, batchSize: 5, intervalMs: 10, log: memoryLog(logged) }),
    );
    await until(async () => (await outbox.backlog()) === 0, 'the outbox is drained');
    const total = forwards.reduce((s, f) => s + f.cost, 0);
    expect(await counts('drain-twice')).to.deep.equal({ records: 60, journal: 60, sum: -total });
  });

  it('a crash between the write and the ack rewrites the batch, which changes nothing', async () => {
    const outbox = createMemoryOutbox();
    const forwards = Array.from({ length: 10 }, () => appendForward(outbox, 'drain-crash'));
    outbox.failAcks(2);
    const logged: Logged[] = [];
    const drain = startRecordsDrain({
      outbox,
      db: t.db,
      batchSize: 50,
      intervalMs: 10,
      log: memoryLog(logged),
    });
    drains.push(drain);
    await until(async () => (await outbox.backlog()) === 0, 'the outbox is drained');
    expect(logged.filter((l) => l.level === 'warn')).to.have.length(1); // the first failure is logged, not every one
    expect(logged.some((l) => l.msg === 'records drain recovered')).to.equal(true);
    expect(await counts('drain-crash')).to.deep.equal({
      records: 10,
      journal: 10,
      sum: -forwards.reduce((s, f) => s + f.cost, 0),
    });
  });

  it('while PostgreSQL is unreachable the entries stay in the outbox and the backlog grows; then they drain', async () => {
    const outbox = createMemoryOutbox();
    const down = createRecordsDb({
      url: `postgres://postgres@127.0.0.1:${await freePort()}/callfwd`,
      connectTimeoutMs: 200,
    });
    const logged: Logged[] = [];
    const stalled = startRecordsDrain({
      outbox,
      db: down,
      batchSize: 20,
      intervalMs: 20,
      log: memoryLog(logged),
    });
    drains.push(stalled);
    const backlog: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      appendForward(outbox, 'drain-down');
      appendForward(outbox, 'drain-down');
      await until(() => Promise.resolve(stalled.failures > i), `failed pass ${i + 1}`);
      backlog.push(await stalled.backlog());
    }
    expect(backlog).to.deep.equal([2, 4, 6, 8, 10].map((n) => n * 2));
    expect(await counts('drain-down')).to.deep.equal({ records: 0, journal: 0, sum: 0 });
    await stalled.stop();
    await down.close();
    drains.splice(drains.indexOf(stalled), 1);

    const back = startRecordsDrain({
      outbox,
      db: t.db,
      batchSize: 20,
      intervalMs: 20,
      log: memoryLog(logged),
    });
    drains.push(back);
    await until(async () => (await back.backlog()) === 0, 'the backlog is drained');
    expect((await counts('drain-down')).records).to.equal(10);
    expect((await counts('drain-down')).journal).to.equal(10);
  });

  it('moves an entry that does not parse to the dead letters and drains the rest', async () => {
    const outbox = createMemoryOutbox();
    appendForward(outbox, 'drain-dead');
    outbox.append('bogus', { x: 1 });
    outbox.append('journal', { id: 'broken', account: 'drain-dead' });
    appendForward(outbox, 'drain-dead');
    const logged: Logged[] = [];
    drains.push(
      startRecordsDrain({ outbox, db: t.db, batchSize: 50, intervalMs: 10, log: memoryLog(logged) }),
    );
    await until(async () => (await outbox.backlog()) === 0, 'the outbox is drained');
    expect(outbox.dead.map((d) => d.error)).to.have.length(2);
    expect(outbox.dead[1]?.error).to.match(/^journal: /);
    expect(await counts('drain-dead')).to.include({ records: 2, journal: 2 });
  });
});
