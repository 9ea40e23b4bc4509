import type { Cluster, Redis } from 'ioredis';

export interface RedisWatch {
  /** True between `ready` and the next `close`/`end`. */
  isUp(): boolean;
}

/**
 * Follows a connection's state for readiness and metrics: up on `ready`, down on `close` or
 * `end` (ioredis emits `end` only once it stops reconnecting). Errors are reported, never thrown.
 */
export function watchRedis(
  redis: Redis | Cluster,
  hooks: { onChange?: (up: boolean) => void; onError?: (err: Error) => void } = {},
): RedisWatch {
  let up = redis.status === 'ready';
  const set = (next: boolean) => {
    if (next === up) return;
    up = next;
    hooks.onChange?.(up);
  };
  redis.on('ready', () => set(true));
  redis.on('close', () => set(false));
  redis.on('end', () => set(false));
  redis.on('error', (err: Error) => hooks.onError?.(err));
  return { isUp: () => up };
}
