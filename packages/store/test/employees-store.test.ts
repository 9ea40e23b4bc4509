import type { Employee } from '@callfwd/domain';
import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createEmployeeStore, type EmployeeStore } from '../src/employees/create-employee-store.js';
import { employeeKeys } from '../src/employees/employee-keys.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from './support/redis.js';

const anna: Employee = {
  id: 'anna',
  connection: 'pbx-a',
  extensions: ['+48221110001'],
  target: '+48601000001',
  triggers: ['busy', 'no_answer'],
  noAnswerSeconds: 20,
};
const bartek: Employee = { ...anna, id: 'bartek', extensions: ['+48221120002'], triggers: ['always'] };

describe('createEmployeeStore', () => {
  before(() => {
    redisUrl();
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let store: EmployeeStore;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    store = createEmployeeStore(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('seeds an empty store once; a second seed (another process, a restart) keeps run-time changes', async () => {
    expect(await store.version()).to.equal(0);
    expect(await store.seed([anna, bartek])).to.deep.equal({ seeded: true });
    expect((await store.list()).map((e) => e.id)).to.deep.equal(['anna', 'bartek']);
    await store.remove('bartek');
    expect(await store.seed([anna, bartek])).to.deep.equal({ seeded: false });
    expect((await store.list()).map((e) => e.id)).to.deep.equal(['anna']);
  });

  it('an explicit seed replaces the live set with exactly the given employees', async () => {
    await store.seed([anna]);
    await store.set({ ...bartek, id: 'celina', extensions: ['+48225550003'] });
    expect(await store.seed([bartek], { replace: true })).to.deep.equal({ seeded: true });
    expect((await store.list()).map((e) => e.id)).to.deep.equal(['bartek']);
  });

  it('redoes a seed that was claimed but never written (the seeder died half way)', async () => {
    await redis.set(employeeKeys(prefix).version, '0');
    expect(await store.seed([anna])).to.deep.equal({ seeded: true });
    expect(await store.get('anna')).to.deep.equal(anna);
  });

  it('set creates and replaces, returning what it replaced, and bumps the version each time', async () => {
    await store.seed([]);
    const v0 = await store.version();
    expect(await store.set(anna)).to.deep.equal({ previous: null });
    const changed = { ...anna, target: '+48601000009' };
    expect(await store.set(changed)).to.deep.equal({ previous: anna });
    expect(await store.get('anna')).to.deep.equal(changed);
    expect(await store.version()).to.equal(v0 + 2);
  });

  it('remove returns the removed employee; removing nobody changes nothing (not even the version)', async () => {
    await store.seed([anna]);
    const v = await store.version();
    expect(await store.remove('nobody')).to.deep.equal({ previous: null });
    expect(await store.version()).to.equal(v);
    expect(await store.remove('anna')).to.deep.equal({ previous: anna });
    expect(await store.get('anna')).to.equal(null);
    expect(await store.version()).to.equal(v + 1);
  });

  it('refuses an employee that fails the domain schema, and writes nothing', async () => {
    const bad = { ...anna, triggers: [] } as unknown as Employee;
    let thrown: unknown;
    try {
      await store.set(bad);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).to.be.instanceOf(Error);
    expect(await store.get('anna')).to.equal(null);
  });

  it('throws on a stored document that fails the schema rather than handing it to a worker', async () => {
    await redis.hset(employeeKeys(prefix).live, 'ghost', JSON.stringify({ id: 'ghost' }));
    let thrown: unknown;
    try {
      await store.get('ghost');
    } catch (err) {
      thrown = err;
    }
    expect(String(thrown)).to.match(/ghost fails the schema/);
  });
});
