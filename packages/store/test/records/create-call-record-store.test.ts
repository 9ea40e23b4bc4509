import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createCallRecordStore } from '../../src/records/create-call-record-store.js';
import type { CallRecordStore, StoredCallRecord } from '../../src/records/create-call-record-store.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from '../support/redis.js';

function record(
  callUuid: string,
  startedAt: number,
  account: string | null,
  outcome: string,
): StoredCallRecord {
  return {
    callUuid,
    node: 'fs1',
    startedAt,
    account,
    outcome,
    caller: '+4930123456',
    billedSeconds: 60,
    cost: 12,
  };
}

describe('createCallRecordStore', () => {
  before(() => {
    redisUrl(); // fails the suite with a clear message when REDIS_URL is missing
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let records: CallRecordStore;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    records = createCallRecordStore(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('stores the record as opaque JSON and reads it back', async () => {
    const r = {
      ...record('call-1', 1_000, 'acme', 'answered'),
      nested: { via: 'pbx-b', reasons: ['a', 'b'] },
    };
    expect(await records.put(r)).to.deep.equal({ written: true });
    expect(await records.get('call-1')).to.deep.equal(r);
    expect(await records.get('call-x')).to.equal(null);
  });

  it('keeps the first write unless told to replace it', async () => {
    await records.put(record('call-1', 1_000, 'acme', 'answered'));
    expect(await records.put(record('call-1', 1_000, 'acme', 'failed'))).to.deep.equal({ written: false });
    expect((await records.get('call-1'))?.outcome).to.equal('answered');
  });

  it('moves a replaced record to its new indexes', async () => {
    await records.put(record('call-1', 1_000, 'acme', 'answered'));
    expect(await records.put(record('call-1', 2_000, 'globex', 'failed'), { replace: true })).to.deep.equal({
      written: true,
    });
    expect((await records.get('call-1'))?.outcome).to.equal('failed');
    expect(await records.list({ account: 'acme' })).to.deep.equal([]);
    expect(await records.list({ outcome: 'answered' })).to.deep.equal([]);
    expect(
      (await records.list({ account: 'globex', outcome: 'failed' })).map((r) => r.callUuid),
    ).to.deep.equal(['call-1']);
    expect((await records.list()).map((r) => r.startedAt)).to.deep.equal([2_000]);
  });

  it('writes a record once when many writers race on it', async () => {
    const clients = await Promise.all([1, 2, 3].map(() => connectRedis(prefix)));
    try {
      const results = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          createCallRecordStore(clients[i % 3]!, prefix).put(record('call-1', 1_000, 'acme', `o${i}`)),
        ),
      );
      expect(results.filter((r) => r.written)).to.have.length(1);
      expect(await records.list()).to.have.length(1);
    } finally {
      await Promise.all(clients.map((client) => client.quit()));
    }
  });

  describe('list', () => {
    beforeEach(async () => {
      await records.put(record('call-1', 1_000, 'acme', 'answered'));
      await records.put(record('call-2', 2_000, 'acme', 'no_answer'));
      await records.put(record('call-3', 3_000, 'globex', 'answered'));
      await records.put(record('call-4', 4_000, null, 'insufficient_credit'));
      await records.put(record('call-5', 5_000, 'acme', 'answered'));
    });

    const uuids = (list: StoredCallRecord[]): string[] => list.map((r) => r.callUuid);

    it('lists newest first', async () => {
      expect(uuids(await records.list())).to.deep.equal(['call-5', 'call-4', 'call-3', 'call-2', 'call-1']);
    });

    it('keeps to the limit', async () => {
      expect(uuids(await records.list({ limit: 2 }))).to.deep.equal(['call-5', 'call-4']);
    });

    it('keeps to the time range, bounds included', async () => {
      expect(uuids(await records.list({ from: 2_000, to: 4_000 }))).to.deep.equal([
        'call-4',
        'call-3',
        'call-2',
      ]);
    });

    it('filters by account, by outcome and by both', async () => {
      expect(uuids(await records.list({ account: 'acme' }))).to.deep.equal(['call-5', 'call-2', 'call-1']);
      expect(uuids(await records.list({ outcome: 'answered' }))).to.deep.equal([
        'call-5',
        'call-3',
        'call-1',
      ]);
      expect(uuids(await records.list({ account: 'acme', outcome: 'answered', from: 2_000 }))).to.deep.equal([
        'call-5',
      ]);
    });

    it('finds nothing for an unknown account', async () => {
      expect(await records.list({ account: 'nobody' })).to.deep.equal([]);
    });
  });
});
