import type { Line } from '@callfwd/domain';
import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createLineCache } from '../../src/lines/create-line-cache.js';
import { createLineStore, type LineStore } from '../../src/lines/create-line-store.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from '../support/redis.js';

const main: Line = {
  id: 'main',
  kind: 'main',
  number: '+48221000000',
  dial: 'sofia/gateway/platform/{number}',
  account: 'platform',
  diversion: false,
  failover: [],
  earlyMedia: 'ringback',
};

/** The store, counting the calls that reach Redis. */
function counting(store: LineStore): { store: LineStore; calls: { version: number; list: number } } {
  const calls = { version: 0, list: 0 };
  return {
    calls,
    store: {
      ...store,
      version: () => {
        calls.version += 1;
        return store.version();
      },
      list: () => {
        calls.list += 1;
        return store.list();
      },
    },
  };
}

describe('createLineCache', () => {
  before(() => {
    redisUrl();
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let store: LineStore;
  let clock: number;
  const now = (): number => clock;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    store = createLineStore(redis, prefix);
    clock = 1_000;
    await store.seed([main]);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('serves reads within refreshMs from memory, the same array each time: no Redis call per forward', async () => {
    const { store: counted, calls } = counting(store);
    const cache = createLineCache(counted, { refreshMs: 500, now });
    const first = await cache.lines();
    expect(first.map((l) => l.id)).to.deep.equal(['main']);
    for (let i = 0; i < 50; i += 1) await cache.get('main');
    clock += 499;
    expect(await cache.lines()).to.equal(first);
    expect(calls).to.deep.equal({ version: 1, list: 1 });
  });

  it('after refreshMs checks the version only, and reloads (a new array) only when it moved', async () => {
    const { store: counted, calls } = counting(store);
    const cache = createLineCache(counted, { refreshMs: 500, now });
    const first = await cache.lines();
    clock += 500;
    expect(await cache.lines()).to.equal(first);
    expect(calls).to.deep.equal({ version: 2, list: 1 });

    await store.set({ ...main, dial: 'sofia/gateway/platform-2/{number}' });
    expect((await cache.get('main'))?.dial, 'still within refreshMs').to.equal('sofia/gateway/platform/{number}');
    clock += 500;
    expect((await cache.get('main'))?.dial).to.equal('sofia/gateway/platform-2/{number}');
    expect(await cache.lines()).to.not.equal(first);
    expect(calls).to.deep.equal({ version: 3, list: 2 });
    expect(cache.loadedVersion()).to.equal(await store.version());
  });

  it('callers that arrive together share one check', async () => {
    const { store: counted, calls } = counting(store);
    const cache = createLineCache(counted, { refreshMs: 500, now });
    await Promise.all(Array.from({ length: 20 }, () => cache.lines()));
    expect(calls).to.deep.equal({ version: 1, list: 1 });
  });

  it('reports version 0 while the store was never seeded', async () => {
    const empty = createLineStore(redis, `${prefix}x`);
    const cache = createLineCache(empty, { now });
    expect(await cache.lines()).to.deep.equal([]);
    expect(cache.loadedVersion()).to.equal(0);
  });

  it('refuses a refreshMs that is not an integer >= 0', () => {
    expect(() => createLineCache(store, { refreshMs: -1 })).to.throw(RangeError);
  });
});
