import type { Line } from '@callfwd/domain';
import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createChangeHistory } from '../../src/employees/create-change-history.js';
import { createLineStore, type LineStore } from '../../src/lines/create-line-store.js';
import { lineKeys } from '../../src/lines/line-keys.js';
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
const pbxA: Line = { ...main, id: 'pbx-a', kind: 'pbx', number: '+48221110000', dial: 'sofia/gateway/pbx-a/{number}', account: 'provider-a', forwardVia: 'main' };

async function thrownBy(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('createLineStore', () => {
  before(() => {
    redisUrl();
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let store: LineStore;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    store = createLineStore(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('seeds an empty store once; a second seed (another process, a restart) keeps run-time changes', async () => {
    expect(await store.version()).to.equal(0);
    expect(await store.seed([pbxA, main])).to.deep.equal({ seeded: true });
    expect((await store.list()).map((l) => l.id)).to.deep.equal(['main', 'pbx-a']);
    await store.remove('pbx-a');
    expect(await store.seed([main, pbxA])).to.deep.equal({ seeded: false });
    expect((await store.list()).map((l) => l.id)).to.deep.equal(['main']);
  });

  it('an explicit seed replaces the live set with exactly the given lines', async () => {
    await store.seed([main]);
    await store.set({ ...pbxA, id: 'pbx-b', number: '+48221120000' });
    expect(await store.seed([pbxA], { replace: true })).to.deep.equal({ seeded: true });
    expect((await store.list()).map((l) => l.id)).to.deep.equal(['pbx-a']);
  });

  it('redoes a seed that was claimed but never written (the seeder died half way)', async () => {
    await redis.set(lineKeys(prefix).version, '0');
    expect(await store.seed([main])).to.deep.equal({ seeded: true });
    expect(await store.get('main')).to.deep.equal(main);
  });

  it('set creates and replaces, returning what it replaced, and bumps the version each time', async () => {
    await store.seed([main]);
    const v0 = await store.version();
    expect(await store.set(pbxA)).to.deep.equal({ previous: null });
    const changed = { ...pbxA, dial: 'sofia/gateway/pbx-a2/{number}' };
    expect(await store.set(changed)).to.deep.equal({ previous: pbxA });
    expect(await store.get('pbx-a')).to.deep.equal(changed);
    expect(await store.version()).to.equal(v0 + 2);
  });

  it('applies the schema defaults to what it stores', async () => {
    const bare = { id: 'sales', kind: 'rented', number: '+48225550000', dial: 'sofia/gateway/platform/{number}', account: 'platform' };
    await store.set(bare as Line);
    expect(await store.get('sales')).to.deep.equal({ ...bare, diversion: false, failover: [], earlyMedia: 'ringback' });
  });

  it('remove returns the removed line; removing none changes nothing (not even the version)', async () => {
    await store.seed([main, pbxA]);
    const v = await store.version();
    expect(await store.remove('nothing')).to.deep.equal({ previous: null });
    expect(await store.version()).to.equal(v);
    expect(await store.remove('pbx-a')).to.deep.equal({ previous: pbxA });
    expect(await store.get('pbx-a')).to.equal(null);
    expect(await store.version()).to.equal(v + 1);
  });

  it('refuses a line that fails the domain schema (a dial without {number}), and writes nothing', async () => {
    await store.seed([main]);
    const v = await store.version();
    const thrown = await thrownBy(() => store.set({ ...pbxA, dial: 'sofia/gateway/pbx-a/' }));
    expect(thrown).to.be.instanceOf(Error);
    expect(await store.get('pbx-a')).to.equal(null);
    expect(await store.version()).to.equal(v);
  });

  it('throws on a stored document that fails the schema rather than handing it to a worker', async () => {
    await redis.hset(lineKeys(prefix).live, 'ghost', JSON.stringify({ id: 'ghost' }));
    expect(String(await thrownBy(() => store.get('ghost')))).to.match(/ghost fails the schema/);
  });

  it('keeps line changes in the change history the employees use', async () => {
    const history = createChangeHistory(redis, prefix);
    const { previous } = await store.set(pbxA);
    await history.record({ kind: 'line', subject: 'pbx-a', by: 'ops', old: previous, new: pbxA }, 5_000);
    await history.record({ kind: 'employee', subject: 'anna', by: 'ops', old: null, new: null }, 6_000);
    const lines = await history.list({ kind: 'line' });
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ kind: 'line', subject: 'pbx-a', by: 'ops', at: 5_000, old: null });
    expect(lines[0]?.new).to.deep.equal(pbxA);
  });

  it('keys its set under its own hash tag, away from the employees', () => {
    expect(lineKeys('cf')).to.deep.equal({ live: 'cf:{lines}:live', version: 'cf:{lines}:version' });
    expect(() => lineKeys('a b')).to.throw(RangeError);
  });
});
