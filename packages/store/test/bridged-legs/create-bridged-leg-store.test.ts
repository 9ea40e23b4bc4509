import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createBridgedLegStore } from '../../src/bridged-legs/create-bridged-leg-store.js';
import type { BridgedLegStore } from '../../src/bridged-legs/create-bridged-leg-store.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from '../support/redis.js';

describe('createBridgedLegStore', () => {
  before(() => {
    redisUrl(); // fails the suite with a clear message when REDIS_URL is missing
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let store: BridgedLegStore;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    store = createBridgedLegStore(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('lists the bridged legs of a node oldest first until each is removed', async () => {
    await store.addBridgedLeg('fs1', { callUuid: 'call-2', legUuid: 'leg-2', answeredAt: 2_000 });
    await store.addBridgedLeg('fs1', { callUuid: 'call-1', legUuid: 'leg-1', answeredAt: 1_000 });
    await store.addBridgedLeg('fs2', { callUuid: 'call-3', legUuid: 'leg-3', answeredAt: 500 });
    expect(await store.listBridgedLegs('fs1', 10)).to.deep.equal([
      { callUuid: 'call-1', legUuid: 'leg-1', answeredAt: 1_000 },
      { callUuid: 'call-2', legUuid: 'leg-2', answeredAt: 2_000 },
    ]);
    expect(await store.listBridgedLegs('fs1', 1)).to.have.length(1);
    await store.removeBridgedLeg('fs1', 'call-1', 'leg-1');
    expect(await store.listBridgedLegs('fs1', 10)).to.deep.equal([{ callUuid: 'call-2', legUuid: 'leg-2', answeredAt: 2_000 }]);
    expect(await store.listBridgedLegs('fs2', 10)).to.have.length(1);
  });

  it('keeps them in one zset per node, `<callUuid>/<legUuid>` scored by answer time', async () => {
    await store.addBridgedLeg('fs1', { callUuid: 'call-1', legUuid: 'leg-1', answeredAt: 1_000 });
    expect(await redis.zrange(`${prefix}:{node:fs1}:bridged`, '0', '-1', 'WITHSCORES')).to.deep.equal(['call-1/leg-1', '1000']);
  });

  it('refuses an id that would break the member format', async () => {
    const failure = await store.addBridgedLeg('fs1', { callUuid: 'a/b', legUuid: 'leg', answeredAt: 1 }).catch((err: unknown) => err);
    expect(failure).to.be.instanceOf(RangeError);
  });
});
