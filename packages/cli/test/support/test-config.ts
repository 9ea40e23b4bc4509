import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { DEMO_SECRET_ENV, demoConfigInput } from '../../src/demo/demo-config.js';
import { redisUrl } from './cli.js';

export interface TestConfig {
  readonly file: string;
  readonly prefix: string;
  readonly env: NodeJS.ProcessEnv;
  readonly redis: Redis;
  cleanup(): Promise<void>;
}

/** The demo's config (no simulator needed) under a fresh Redis prefix, written to a temp file. */
export async function writeTestConfig(): Promise<TestConfig> {
  const directory = await mkdtemp(join(tmpdir(), 'callfwd-cli-config-'));
  const prefix = `cli${randomBytes(4).toString('hex')}`;
  const file = join(directory, 'callfwd.yaml');
  await writeFile(file, stringify(demoConfigInput({ ports: { fs1: 18021, fs2: 18022 }, redisUrl: redisUrl(), prefix })));
  const redis = new Redis(redisUrl());
  return {
    file,
    prefix,
    env: { [DEMO_SECRET_ENV.fs1]: 'fs1-Test-secret', [DEMO_SECRET_ENV.fs2]: 'fs2-Test-secret', [DEMO_SECRET_ENV.http]: 'http-Test-token' },
    redis,
    async cleanup() {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
