import { expect } from 'chai';
import { createServer } from 'node:net';
import { createRedis } from '../../src/connection/create-redis.js';
import { isRedisUnavailable } from '../../src/connection/redis-errors.js';
import { redisSettingsFromUrl } from '../../src/connection/redis-settings.js';
import { redisUrl } from '../support/redis.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('isRedisUnavailable', () => {
  it('is true for the error a command connection gives when Redis is not there', async () => {
    const port = await closedPort();
    const client = createRedis(redisSettingsFromUrl(`redis://127.0.0.1:${port}`, 't'), 'command');
    client.on('error', () => undefined);
    try {
      const err = await client.get('k').then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(Error);
      expect(isRedisUnavailable(err), String(err)).to.equal(true);
    } finally {
      client.disconnect();
    }
  });

  it('is true for a producer connection, which fails at once', async () => {
    const port = await closedPort();
    const client = createRedis(redisSettingsFromUrl(`redis://127.0.0.1:${port}`, 't'), 'producer');
    client.on('error', () => undefined);
    try {
      const err = await client.get('k').then(() => null, (e: unknown) => e);
      expect(isRedisUnavailable(err), String(err)).to.equal(true);
    } finally {
      client.disconnect();
    }
  });

  it('is false for a command Redis refused (the command is wrong, not the connection)', async () => {
    const client = createRedis(redisSettingsFromUrl(redisUrl(), 't'), 'command');
    try {
      await client.set('callfwd-test:redis-errors:str', 'x');
      const err = await client.hget('callfwd-test:redis-errors:str', 'f').then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(Error);
      expect(isRedisUnavailable(err)).to.equal(false);
      expect(isRedisUnavailable(new Error('bad forward job payload'))).to.equal(false);
      expect(isRedisUnavailable('Connection is closed')).to.equal(false);
    } finally {
      await client.del('callfwd-test:redis-errors:str');
      await client.quit();
    }
  });
});
