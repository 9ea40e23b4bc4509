import { expect } from 'chai';
import { createRedis, redisSettingsFromUrl, watchRedis } from '../../src/index.js';

describe('watchRedis', () => {
  it('is up once the connection is ready and down once it closes, reporting each change', async () => {
    const url = process.env.REDIS_URL;
    if (!url) throw new Error('REDIS_URL is not set: run the tests with scripts/test');
    const redis = createRedis(redisSettingsFromUrl(url, 'w'), 'command', { lazyConnect: true });
    const changes: boolean[] = [];
    const watch = watchRedis(redis, { onChange: (up) => changes.push(up) });
    expect(watch.isUp()).to.equal(false);
    await redis.connect();
    await redis.ping();
    expect(watch.isUp()).to.equal(true);
    await redis.quit();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watch.isUp()).to.equal(false);
    expect(changes).to.deep.equal([true, false]);
  });
});
