// Top-ups and forward-via changes with PostgreSQL: appended to the records outbox in the same Lua
// script / MULTI as the change (so exactly when it happened), drained to PostgreSQL once; and the
// drained records' Redis copies expire. Real Redis, real PostgreSQL (DATABASE_URL, a fresh schema).
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createRecordsDb, startRecordsDrain, type RecordsDb } from '@callfwd/records';
import { createCallRecordStore, createKeyspace, createLedger, createRecordsOutbox, createSettingsStore } from '@callfwd/store';
import { Redis } from 'ioredis';
import { redisUrl } from '../support/cli.js';
import { freshSchema } from './records-postgres.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('records outbox: top-ups, settings changes and drained records (real Redis, real PostgreSQL)', () => {
  let schema: { url: string; drop(): Promise<void> };
  let db: RecordsDb;
  let redis: Redis;
  let prefix: string;

  before(async () => {
    const url = process.env.DATABASE_URL;
    if (url === undefined || url === '') throw new Error('DATABASE_URL is not set: these tests need a real PostgreSQL');
    schema = await freshSchema(url);
    db = createRecordsDb({ url: schema.url, max: 2 });
    await db.migrate();
    redis = new Redis(redisUrl());
    prefix = `rj${randomBytes(4).toString('hex')}`;
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await db.close();
    await schema.drop();
  });

  const drainAll = async (keepInRedisSeconds?: number) => {
    const outbox = createRecordsOutbox(redis, prefix).source(['acme'], keepInRedisSeconds === undefined ? {} : { keepInRedisSeconds });
    const drain = startRecordsDrain({ outbox, db, batchSize: 500, intervalMs: 60_000, log: silent });
    await drain.stop();
    while ((await drain.drainOnce()).read > 0);
    return outbox.backlog();
  };

  it('a top-up is journalled once per ref; without the journal option nothing is appended', async () => {
    const ledger = createLedger(redis, prefix, { journal: { currency: () => 'PLN' } });
    await ledger.ensureAccount('acme', 1000);
    const ref = `t-${randomUUID()}`;
    expect(await ledger.topup('acme', 500, ref)).to.equal(1500);
    expect(await ledger.topup('acme', 500, ref), 'a repeat adds nothing').to.equal(1500);
    expect(await redis.xlen(createRecordsOutbox(redis, prefix).keys.account('acme'))).to.equal(1);
    await createLedger(redis, prefix).topup('acme', 7, `plain-${randomUUID()}`);
    expect(await redis.xlen(createRecordsOutbox(redis, prefix).keys.account('acme'))).to.equal(1);
    expect(await drainAll()).to.equal(0);
    const journal = (await db.journalFor('acme')).filter((e) => e.id === ref);
    expect(journal.map((e) => [e.kind, e.amount, e.currency])).to.deep.equal([['topup', 500, 'PLN']]);
  });

  it('the debit log in Redis is bounded with the journal option', async () => {
    const ledger = createLedger(redis, prefix, { journal: { currency: () => 'PLN', debitsKept: 3 } });
    for (let i = 0; i < 5; i += 1) await ledger.postHold('acme', randomUUID(), 1);
    expect(await ledger.listDebits('acme', 100)).to.have.length(3);
  });

  it('a forward-via change is in the settings history: who, old and new value', async () => {
    const settings = createSettingsStore(redis, prefix, { history: true });
    await settings.setForwardVia('pbx-a', 'pbx-b', 'ops@test');
    await settings.setForwardVia('pbx-a', 'main', 'ops@test');
    await settings.clearForwardVia('pbx-a', 'ops@test');
    expect(await drainAll()).to.equal(0);
    const page = await db.history({ key: 'forward-via:pbx-a' }, { limit: 10 });
    // (ordered by time; three changes in one millisecond may come in any order, so compared as a set)
    expect(page.rows.map((c) => [c.old, c.new, c.by])).to.have.deep.members([
      ['main', null, 'ops@test'],
      ['pbx-b', 'main', 'ops@test'],
      [null, 'pbx-b', 'ops@test'],
    ]);
  });

  it('a drained record keeps a TTL in Redis and its indexes are trimmed by the records own clock', async () => {
    const store = createCallRecordStore(redis, prefix);
    const outbox = createRecordsOutbox(redis, prefix);
    const keys = createKeyspace(prefix).records;
    const old = { callUuid: randomUUID(), node: 'fs1', startedAt: 1_000_000, account: 'acme', outcome: 'answered' };
    const recent = { ...old, callUuid: randomUUID(), startedAt: 1_000_000 + 3_600_000 };
    await store.put(old);
    await store.put(recent);
    const source = outbox.source(['acme'], { keepInRedisSeconds: 600 });
    const items = [old, recent].map((data, i) => ({ stream: outbox.keys.records, id: `0-${i + 1}`, kind: 'record' as const, data }));
    await source.ack(items);
    const ttl = await redis.ttl(keys.record(recent.callUuid));
    expect(ttl).to.be.within(1, 600);
    expect(await redis.zrange(keys.byTime, '0', '-1'), 'the older one leaves the index').to.deep.equal([recent.callUuid]);
    expect(await redis.zrange(keys.byAccount('acme'), '0', '-1')).to.deep.equal([recent.callUuid]);
  });
});
