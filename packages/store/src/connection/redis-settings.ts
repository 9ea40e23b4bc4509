// How to reach Redis: one of three deployments. The prefix is the root of every key.

export interface RedisHostPort {
  host: string;
  port: number;
}

export type RedisSettings =
  | { mode: 'standalone'; url: string; password?: string; prefix: string }
  | { mode: 'sentinel'; sentinels: RedisHostPort[]; name: string; password?: string; prefix: string }
  | { mode: 'cluster'; nodes: RedisHostPort[]; password?: string; prefix: string };

/** Standalone settings from a `redis://` URL, for tests and the demo. */
export function redisSettingsFromUrl(url: string, prefix: string): RedisSettings {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RangeError(`not a redis:// URL (protocol ${parsed.protocol})`);
  }
  return { mode: 'standalone', url, prefix };
}

/** A one-line description of the settings that is safe to log: never a password. */
export function describeRedisSettings(settings: RedisSettings): string {
  switch (settings.mode) {
    case 'standalone': {
      const parsed = new URL(settings.url);
      const auth = parsed.password !== '' || settings.password !== undefined ? ' (with password)' : '';
      return `standalone ${parsed.protocol}//${parsed.host}${parsed.pathname}${auth} prefix=${settings.prefix}`;
    }
    case 'sentinel': {
      const hosts = settings.sentinels.map((s) => `${s.host}:${s.port}`).join(',');
      return `sentinel ${settings.name}@${hosts} prefix=${settings.prefix}`;
    }
    case 'cluster': {
      const hosts = settings.nodes.map((n) => `${n.host}:${n.port}`).join(',');
      return `cluster ${hosts} prefix=${settings.prefix}`;
    }
  }
}
