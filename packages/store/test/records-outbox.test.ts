import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../src/keys/keyspace.js';
import { createRecordsOutbox, type RecordsOutbox } from '../src/records-outbox/create-records-outbox.js';
import { outboxKeys } from '../src/records-outbox/outbox-keys.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from './support/redis.js';

/** The Redis Cluster hash tag of a key: the part between the first { and the next }. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return key.slice(open + 1, close);
}

describe('records outbox', () => {
  before(() => {
    redisUrl();
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let outbox: RecordsOutbox;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    outbox = createRecordsOutbox(redis, prefix);
  });
  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('puts each stream in the slot of the write it records (one hash tag per script on Cluster)', () => {
    const keys = createKeyspace(prefix);
    expect(hashTag(outbox.keys.records)).to.equal(hashTag(keys.records.record('c1')));
    expect(hashTag(outbox.keys.settings)).to.equal(hashTag(keys.settings.forwardVia));
    expect(hashTag(outbox.keys.account('acme'))).to.equal(hashTag(keys.account('acme').balance));
    expect(hashTag(outbox.keys.dead(outbox.keys.account('acme')))).to.equal(
      hashTag(keys.account('acme').balance),
    );
    expect(() => outboxKeys('bad{prefix')).to.throw(RangeError);
    expect(() => outbox.keys.account('a b')).to.throw(RangeError);
  });

  it('reads each stream oldest first without removing; ack removes; backlog counts what is left', async () => {
    const source = outbox.source(['acme', 'globex']);
    await outbox.append(outbox.keys.records, { kind: 'record', data: { n: 1 } });
    await outbox.append(outbox.keys.account('acme'), { kind: 'journal', data: { n: 2 } });
    await outbox.append(outbox.keys.records, { kind: 'recording', data: { n: 3 } });
    await outbox.append(outbox.keys.settings, { kind: 'history', data: { n: 4 } });
    await outbox.append(outbox.keys.account('globex'), { kind: 'journal', data: { n: 5 } });
    expect(await source.backlog()).to.equal(5);

    const first = await source.read(3);
    // a share of max(1, floor(3 / 4 streams)) each: the oldest of records, settings, acme
    expect(first.items.map((i) => [i.kind, i.data])).to.deep.equal([
      ['record', { n: 1 }],
      ['history', { n: 4 }],
      ['journal', { n: 2 }],
    ]);
    expect((await source.read(3)).items.map((i) => i.data)).to.deep.equal(first.items.map((i) => i.data)); // not removed by reading
    expect(await source.ack(first.items)).to.equal(3);
    expect(await source.ack(first.items)).to.equal(0); // acking twice deletes nothing more
    expect(await source.backlog()).to.equal(2);
    const rest = await source.read(10);
    expect(rest.items.map((i) => i.data)).to.deep.equal([{ n: 3 }, { n: 5 }]);
    // a source that does not know globex does not read its stream (nor count it)
    expect(await outbox.source(['acme']).backlog()).to.equal(1);
  });

  it('gives each stream a fair share of a batch, then fills the rest, reading nothing twice', async () => {
    for (let i = 0; i < 10; i += 1)
      await outbox.append(outbox.keys.records, { kind: 'record', data: { r: i } });
    for (let i = 0; i < 2; i += 1)
      await outbox.append(outbox.keys.account('acme'), { kind: 'journal', data: { a: i } });
    const source = outbox.source(['acme']);
    // share = floor(9 / 3 streams) = 3: records 0-2, acme 0-1, then records 3-6 fill the room
    const batch = await source.read(9);
    expect(batch.items.map((i) => i.data)).to.deep.equal([
      { r: 0 },
      { r: 1 },
      { r: 2 },
      { a: 0 },
      { a: 1 },
      { r: 3 },
      { r: 4 },
      { r: 5 },
      { r: 6 },
    ]);
    await source.ack(batch.items);
    expect((await source.read(9)).items.map((i) => i.data)).to.deep.equal([{ r: 7 }, { r: 8 }, { r: 9 }]);
  });

  it('appends in the same MULTI as the write it records: both or neither', async () => {
    const keys = createKeyspace(prefix);
    const recordKey = keys.records.record('c-multi');
    const tx = redis.multi().set(recordKey, '{"callUuid":"c-multi"}', 'NX');
    outbox.appendTo(tx, outbox.keys.records, { kind: 'record', data: { callUuid: 'c-multi' } });
    const results = await tx.exec();
    expect(results?.every(([err]) => err === null)).to.equal(true);
    expect(await redis.get(recordKey)).to.equal('{"callUuid":"c-multi"}');
    expect(await redis.xlen(outbox.keys.records)).to.equal(1);

    // a MULTI that never reaches EXEC (the worker died first) leaves neither
    const dropped = redis.multi().set(keys.records.record('c-dropped'), '{}');
    outbox.appendTo(dropped, outbox.keys.records, { kind: 'record', data: { callUuid: 'c-dropped' } });
    expect(await redis.exists(keys.records.record('c-dropped'))).to.equal(0);
    expect(await redis.xlen(outbox.keys.records)).to.equal(1);
  });

  it('an entry a Lua script appends with the documented fields reads back', async () => {
    await redis.eval(
      "return redis.call('XADD', KEYS[1], '*', 'k', 'journal', 'd', cjson.encode({id = ARGV[1], amount = -12}))",
      1,
      outbox.keys.account('acme'),
      'leg-1',
    );
    const batch = await outbox.source(['acme']).read(10);
    expect(batch.items).to.have.length(1);
    expect(batch.items[0]).to.include({ kind: 'journal', stream: outbox.keys.account('acme') });
    expect(batch.items[0]?.data).to.deep.equal({ id: 'leg-1', amount: -12 });
  });

  it('moves entries that do not parse to the dead stream of their slot', async () => {
    const stream = outbox.keys.account('acme');
    await redis.xadd(stream, '*', 'k', 'nonsense', 'd', '{}');
    await redis.xadd(stream, '*', 'k', 'journal', 'd', 'not json');
    await outbox.append(stream, { kind: 'journal', data: { ok: true } });
    const source = outbox.source(['acme']);
    const batch = await source.read(10);
    expect(batch.items.map((i) => i.data)).to.deep.equal([{ ok: true }]);
    expect(batch.problems.map((p) => p.error)).to.deep.equal([
      'unknown outbox kind "nonsense"',
      'outbox entry data is not JSON',
    ]);
    await source.deadLetter(batch.problems);
    expect(await source.backlog()).to.equal(1);
    const dead = await redis.xrange(outbox.keys.dead(stream), '-', '+');
    expect(dead.map(([, fields]) => fields.slice(0, 4))).to.deep.equal([
      ['from', batch.problems[0]?.id, 'error', 'unknown outbox kind "nonsense"'],
      ['from', batch.problems[1]?.id, 'error', 'outbox entry data is not JSON'],
    ]);
  });

  it('refuses an entry that cannot be appended', async () => {
    let failed = false;
    try {
      await outbox.append(outbox.keys.records, { kind: 'record', data: undefined });
    } catch (err) {
      failed = err instanceof RangeError;
    }
    expect(failed).to.equal(true);
  });
});
