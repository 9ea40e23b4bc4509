// Makes an ioredis client for one role. Producers fail fast when Redis is down; workers wait
// (BullMQ requires maxRetriesPerRequest: null on the connections it blocks on).
import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import type { RedisSettings } from './redis-settings.js';

export type RedisRole = 'producer' | 'worker' | 'command';

export interface CreateRedisOptions {
  lazyConnect?: boolean;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** Reconnects with exponential backoff from 50 ms, capped at 2 s. */
function retryStrategy(times: number): number {
  return Math.min(50 * 2 ** Math.min(times, 6), 2_000);
}

function roleOptions(role: RedisRole): RedisOptions {
  switch (role) {
    case 'producer':
      // Adding a job must fail at once when Redis is down, so the listener can log and resync.
      return { enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    case 'command':
      // Ledger, forward documents, records: short outages are bridged, long ones fail the job (it retries).
      return { enableOfflineQueue: true, maxRetriesPerRequest: 3 };
    case 'worker':
      return { enableOfflineQueue: true, maxRetriesPerRequest: null };
  }
}

export function createRedis(
  settings: RedisSettings,
  role: RedisRole,
  opts: CreateRedisOptions = {},
): Redis | Cluster {
  const common: RedisOptions = {
    ...roleOptions(role),
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy,
    lazyConnect: opts.lazyConnect ?? false,
    connectionName: `callfwd-${role}`,
    ...(settings.password === undefined ? {} : { password: settings.password }),
  };
  switch (settings.mode) {
    case 'standalone':
      return new Redis(settings.url, common);
    case 'sentinel':
      return new Redis({
        ...common,
        sentinels: settings.sentinels,
        name: settings.name,
        ...(settings.password === undefined ? {} : { sentinelPassword: settings.password }),
      });
    case 'cluster': {
      // ioredis takes the offline queue and retries at the cluster level, the rest per node.
      const { enableOfflineQueue, retryStrategy: _perNode, lazyConnect, ...redisOptions } = common;
      const clusterOptions: ClusterOptions = {
        enableOfflineQueue,
        lazyConnect,
        clusterRetryStrategy: retryStrategy,
        redisOptions,
      };
      return new Cluster(settings.nodes, clusterOptions);
    }
  }
}
