// Test support: a real Redis from REDIS_URL, a fresh prefix per test, the API on it (not listening;
// driven with inject), a read and a write token, and the log lines as data.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Config, ConfigInput } from '@callfwd/domain';
import { createEmployeeStore, createLineStore, createRedis, redisSettingsFromUrl } from '@callfwd/store';
import { createLogger } from '@callfwd/telemetry';
import type { Cluster, Redis } from 'ioredis';
import { createApiServer, type ApiServerOptions } from '../../src/create-api-server.js';
import type { ApiToken } from '../../src/auth/api-token.js';
import type { ApiApp } from '../../src/http/api-context.js';
import { testConfig } from './test-config.js';

export const READER: ApiToken = { name: 'grafana', scope: 'read', secret: 'read-secret-0123456789' };
export const WRITER: ApiToken = { name: 'ops-alice', scope: 'write', secret: 'write-secret-0123456789' };

export const AS_READER = { authorization: `Bearer ${READER.secret}` };
export const AS_WRITER = { authorization: `Bearer ${WRITER.secret}` };

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (url === undefined || url === '')
    throw new Error('REDIS_URL is not set: the API tests need a real redis-server');
  return url;
}

export interface ApiFixture {
  prefix: string;
  redis: Redis | Cluster;
  config: Config;
  app: ApiApp;
  /** Every log line the API wrote, parsed. */
  logs: Array<Record<string, unknown>>;
}

async function deleteKeys(redis: Redis | Cluster, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

export async function startApi(
  options: {
    edit?: (input: ConfigInput) => void;
    api?: Partial<ApiServerOptions>;
    beforeReady?: (app: ApiApp) => void;
  } = {},
): Promise<ApiFixture & { stop(): Promise<void> }> {
  const prefix = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const config = testConfig(prefix, redisUrl(), options.edit);
  const redis = createRedis(redisSettingsFromUrl(redisUrl(), prefix), 'command', { lazyConnect: true });
  await redis.connect();
  // As `callfwd run` does at start: the config file seeds the live employees and lines.
  await createEmployeeStore(redis, prefix).seed(config.employees);
  await createLineStore(redis, prefix).seed(config.lines);
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger({ role: 'api', destination });
  const app = createApiServer({ config, redis, log, tokens: [READER, WRITER], ...options.api });
  options.beforeReady?.(app);
  await app.ready();
  return {
    prefix,
    redis,
    config,
    app,
    logs,
    async stop() {
      await app.close();
      await deleteKeys(redis, prefix);
      await redis.quit();
    },
  };
}

/** Mocha hooks: a fresh API per test. Read the fields inside a test. */
export function useApi(options: Parameters<typeof startApi>[0] = {}): ApiFixture {
  const fixture = {} as ApiFixture & { stop(): Promise<void> };
  before(() => {
    redisUrl();
  });
  beforeEach(async () => {
    Object.assign(fixture, await startApi(options));
  });
  afterEach(async () => {
    await fixture.stop();
  });
  return fixture;
}
