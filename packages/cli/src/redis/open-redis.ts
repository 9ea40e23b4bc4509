import type { Config } from '@callfwd/domain';
import { createRedis, describeRedisSettings, type RedisSettings } from '@callfwd/store';
import type { Cluster, Redis } from 'ioredis';

export type OpenRedisResult = { ok: true; redis: Redis | Cluster } | { ok: false; message: string };

const CONNECT_TIMEOUT_MS = 5_000;

/** The config's Redis as settings for the store (a copy: the config is frozen). */
export function redisSettingsOf(config: Config): RedisSettings {
  return { ...config.redis };
}

/**
 * A command connection for one CLI command, connected or refused within a few seconds: a CLI
 * command fails (exit 1) when Redis is down instead of retrying forever.
 */
export async function openRedis(config: Config): Promise<OpenRedisResult> {
  const settings = redisSettingsOf(config);
  const redis = createRedis(settings, 'command', { lazyConnect: true });
  redis.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CONNECT_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, redis };
  } catch (err) {
    redis.disconnect();
    return { ok: false, message: `cannot reach Redis (${describeRedisSettings(settings)}): ${(err as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a command connection, politely when it can. */
export async function closeRedis(redis: Redis | Cluster): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}
