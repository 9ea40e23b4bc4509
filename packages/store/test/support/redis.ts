// Test support: a real Redis from REDIS_URL, a fresh key prefix per test, and cleanup.
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { createRedis } from '../../src/connection/create-redis.js';
import type { RedisRole } from '../../src/connection/create-redis.js';
import { redisSettingsFromUrl } from '../../src/connection/redis-settings.js';
import { createLedger, type Ledger, type LedgerOptions } from '../../src/ledger/create-ledger.js';

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'REDIS_URL is not set: the store tests need a real redis-server. ' +
        'Start one with `source scripts/lib/setup.sh && start_redis`, or run `scripts/test`.',
    );
  }
  return url;
}

/** A key prefix no other test uses. */
export function randomPrefix(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** A connected client (the connection is made before it returns, so producers do not fail fast). */
export async function connectRedis(prefix: string, role: RedisRole = 'command'): Promise<Redis | Cluster> {
  const redis = createRedis(redisSettingsFromUrl(redisUrl(), prefix), role, { lazyConnect: true });
  await redis.connect();
  return redis;
}

/** Deletes every key under the prefix. */
export async function deleteKeys(redis: Redis | Cluster, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

export async function countKeys(redis: Redis | Cluster, prefix: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}

/**
 * Registers mocha hooks that give each test a fresh prefix, a connected client and a ledger on
 * them (made with `options`), and delete the test's keys after it. Read the fields inside a test (they change per test).
 */
export function useFreshLedger(options: LedgerOptions = {}): {
  prefix: string;
  redis: Redis | Cluster;
  ledger: Ledger;
} {
  const fixture = {} as { prefix: string; redis: Redis | Cluster; ledger: Ledger };
  before(() => {
    redisUrl(); // fails the suite with a clear message when REDIS_URL is missing
  });
  beforeEach(async () => {
    fixture.prefix = randomPrefix();
    fixture.redis = await connectRedis(fixture.prefix);
    fixture.ledger = createLedger(fixture.redis, fixture.prefix, options);
  });
  afterEach(async () => {
    await deleteKeys(fixture.redis, fixture.prefix);
    await fixture.redis.quit();
  });
  return fixture;
}
