import type { Config } from '@callfwd/domain';
import type { Cluster, Redis } from 'ioredis';
import { EXIT } from '../cli/exit-code.js';
import { requireConfig } from '../config/require-config.js';
import { writeErr } from '../output/write-out.js';
import { closeRedis, openRedis } from './open-redis.js';

/**
 * Loads the config (exit 2 when it is invalid), connects to its Redis (exit 1 when that fails),
 * runs `work` and closes the connection whatever happens. A Redis error mid-way is exit 1.
 */
export async function withConfigAndRedis(
  args: { config?: string | undefined; 'insecure-dev'?: boolean | undefined },
  work: (config: Config, redis: Redis | Cluster) => Promise<number>,
): Promise<number> {
  const config = await requireConfig(args);
  if (config === null) return EXIT.badInput;
  const opened = await openRedis(config);
  if (!opened.ok) {
    writeErr(`callfwd: ${opened.message}`);
    return EXIT.failure;
  }
  try {
    return await work(config, opened.redis);
  } catch (err) {
    writeErr(`callfwd: failed: ${(err as Error).message}`);
    return EXIT.failure;
  } finally {
    await closeRedis(opened.redis);
  }
}
