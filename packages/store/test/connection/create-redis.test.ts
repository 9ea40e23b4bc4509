import { expect } from 'chai';
import { createServer } from 'node:net';
import type { Cluster, Redis } from 'ioredis';
import { createRedis } from '../../src/connection/create-redis.js';
import { redisSettingsFromUrl } from '../../src/connection/redis-settings.js';
import { redisUrl } from '../support/redis.js';

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('createRedis', () => {
  const clients: (Redis | Cluster)[] = [];

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  function make(...args: Parameters<typeof createRedis>): Redis | Cluster {
    const client = createRedis(...args);
    clients.push(client);
    return client;
  }

  it('makes producers fail fast and workers wait (BullMQ needs maxRetriesPerRequest: null)', () => {
    const settings = redisSettingsFromUrl('redis://127.0.0.1:1', 'p');
    const producer = make(settings, 'producer', { lazyConnect: true }) as Redis;
    const worker = make(settings, 'worker', { lazyConnect: true }) as Redis;
    const command = make(settings, 'command', { lazyConnect: true }) as Redis;
    expect(producer.options).to.include({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: 'callfwd-producer',
    });
    expect(worker.options.maxRetriesPerRequest).to.equal(null);
    expect(command.options.maxRetriesPerRequest).to.be.a('number');
  });

  it('rejects a producer’s command at once when Redis is down', async () => {
    const producer = make(redisSettingsFromUrl(`redis://127.0.0.1:${await closedPort()}`, 'p'), 'producer');
    producer.on('error', () => undefined); // connection errors are expected here
    let error: unknown;
    try {
      await producer.ping();
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(Error);
  });

  it('passes the password of the settings to the connection', () => {
    const client = make(
      { mode: 'standalone', url: 'redis://127.0.0.1:1', password: 's3cret', prefix: 'p' },
      'command',
      {
        lazyConnect: true,
      },
    ) as Redis;
    expect(client.options.password).to.equal('s3cret');
  });

  it('connects to a real Redis', async () => {
    const client = make(redisSettingsFromUrl(redisUrl(), 'p'), 'command', { lazyConnect: true });
    await client.connect();
    expect(await client.ping()).to.equal('PONG');
    await client.quit();
  });
});
