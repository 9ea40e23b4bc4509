import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createSettingsStore } from '../../src/settings/create-settings-store.js';
import type { SettingsStore } from '../../src/settings/create-settings-store.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from '../support/redis.js';

describe('createSettingsStore', () => {
  before(() => {
    redisUrl(); // fails the suite with a clear message when REDIS_URL is missing
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let settings: SettingsStore;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    settings = createSettingsStore(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('has no overrides at first', async () => {
    expect(await settings.getForwardViaOverrides()).to.deep.equal({});
  });

  it('sets, replaces and clears a connection’s forward-via', async () => {
    await settings.setForwardVia('pbx-a', 'main', 'ops@example');
    await settings.setForwardVia('pbx-b', 'pbx-a');
    expect(await settings.getForwardViaOverrides()).to.deep.equal({ 'pbx-a': 'main', 'pbx-b': 'pbx-a' });
    await settings.setForwardVia('pbx-a', 'rented-1');
    await settings.clearForwardVia('pbx-b', 'ops@example');
    expect(await settings.getForwardViaOverrides()).to.deep.equal({ 'pbx-a': 'rented-1' });
  });

  it('remembers who made the last change and when', async () => {
    await settings.setForwardVia('pbx-a', 'main', 'alice');
    await settings.clearForwardVia('pbx-a', 'bob');
    const changes = await settings.getForwardViaChanges();
    expect(changes['pbx-a']).to.include({ connectionId: 'pbx-a', lineId: null, by: 'bob' });
    expect(changes['pbx-a']?.at).to.be.a('number');
  });
});
