import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createRecordingStore } from '../../src/recordings/create-recording-store.js';
import type { RecordingStore } from '../../src/recordings/create-recording-store.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from '../support/redis.js';

describe('createRecordingStore', () => {
  before(() => {
    redisUrl(); // fails the suite with a clear message when REDIS_URL is missing
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let recordings: RecordingStore;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    recordings = createRecordingStore(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('adds a recording once per call', async () => {
    const rec = {
      callUuid: 'call-1',
      file: '/rec/call-1.wav',
      account: 'acme',
      startedAt: 1_000,
      seconds: 42,
    };
    expect(await recordings.add(rec)).to.deep.equal({ added: true });
    expect(await recordings.add({ ...rec, file: '/rec/other.wav' })).to.deep.equal({ added: false });
    expect(await recordings.list()).to.deep.equal([rec]);
  });

  it('lists newest first, by account, up to the limit', async () => {
    await recordings.add({
      callUuid: 'call-1',
      file: 'a.wav',
      account: 'acme',
      startedAt: 1_000,
      seconds: 1,
    });
    await recordings.add({
      callUuid: 'call-2',
      file: 'b.wav',
      account: 'globex',
      startedAt: 2_000,
      seconds: 2,
    });
    await recordings.add({
      callUuid: 'call-3',
      file: 'c.wav',
      account: 'acme',
      startedAt: 3_000,
      seconds: 3,
    });
    expect((await recordings.list()).map((r) => r.callUuid)).to.deep.equal(['call-3', 'call-2', 'call-1']);
    expect((await recordings.list({ account: 'acme' })).map((r) => r.callUuid)).to.deep.equal([
      'call-3',
      'call-1',
    ]);
    expect((await recordings.list({ limit: 1 })).map((r) => r.callUuid)).to.deep.equal(['call-3']);
    expect(await recordings.list({ account: 'nobody' })).to.deep.equal([]);
  });
});
