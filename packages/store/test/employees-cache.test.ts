import type { Employee } from '@callfwd/domain';
import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createEmployeeCache } from '../src/employees/create-employee-cache.js';
import { createEmployeeStore, type EmployeeStore } from '../src/employees/create-employee-store.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from './support/redis.js';

const anna: Employee = {
  id: 'anna',
  connection: 'pbx-a',
  extensions: ['+48221110001'],
  target: '+48601000001',
  triggers: ['busy'],
  noAnswerSeconds: 20,
};

/** The store, counting the calls that reach Redis. */
function counting(store: EmployeeStore): { store: EmployeeStore; calls: { version: number; list: number } } {
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

describe('createEmployeeCache', () => {
  before(() => {
    redisUrl();
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let store: EmployeeStore;
  let clock: number;
  const now = (): number => clock;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    store = createEmployeeStore(redis, prefix);
    clock = 1_000;
    await store.seed([anna]);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('serves reads within refreshMs from memory: no Redis call per forward', async () => {
    const { store: counted, calls } = counting(store);
    const cache = createEmployeeCache(counted, { refreshMs: 500, now });
    expect((await cache.employees()).map((e) => e.id)).to.deep.equal(['anna']);
    for (let i = 0; i < 50; i += 1) await cache.get('anna');
    clock += 499;
    await cache.employees();
    expect(calls).to.deep.equal({ version: 1, list: 1 });
  });

  it('after refreshMs checks the version only, and reloads only when it moved', async () => {
    const { store: counted, calls } = counting(store);
    const cache = createEmployeeCache(counted, { refreshMs: 500, now });
    await cache.employees();
    clock += 500;
    await cache.employees();
    expect(calls).to.deep.equal({ version: 2, list: 1 });

    await store.set({ ...anna, target: '+48601000009' });
    expect((await cache.get('anna'))?.target, 'still within refreshMs').to.equal('+48601000001');
    clock += 500;
    expect((await cache.get('anna'))?.target).to.equal('+48601000009');
    expect(calls).to.deep.equal({ version: 3, list: 2 });
    expect(cache.loadedVersion()).to.equal(await store.version());
  });

  it('sees a removal and an addition from another process', async () => {
    const cache = createEmployeeCache(store, { refreshMs: 0, now });
    const other = createEmployeeStore(redis, prefix);
    await other.remove('anna');
    await other.set({ ...anna, id: 'dora', extensions: ['+48221110004'] });
    expect((await cache.employees()).map((e) => e.id)).to.deep.equal(['dora']);
    expect(await cache.get('anna')).to.equal(undefined);
  });

  it('shares one check among concurrent readers', async () => {
    const { store: counted, calls } = counting(store);
    const cache = createEmployeeCache(counted, { refreshMs: 500, now });
    await Promise.all(Array.from({ length: 20 }, () => cache.employees()));
    expect(calls).to.deep.equal({ version: 1, list: 1 });
  });
});
