import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { ConfigInput } from '@callfwd/domain';
import type { FarEndScript } from '@callfwd/fs-sim';
import { createCallRecordStore, type StoredCallRecord } from '@callfwd/store';
import { Redis } from 'ioredis';
import { startDemoSim, type DemoSim } from '../../src/demo/start-demo-sim.js';
import { redisUrl } from './cli.js';

export interface DemoStack extends DemoSim {
  readonly prefix: string;
  readonly redis: Redis;
  readonly directory: string;
  /** The environment a child needs: PATH and the config's secrets. */
  readonly env: NodeJS.ProcessEnv;
  waitForRecord(callUuid: string, timeoutMs?: number): Promise<StoredCallRecord>;
  stop(): Promise<void>;
}

/** The demo's simulated cluster and config under a fresh Redis prefix, with a Redis client for checks. */
export async function startDemoStack(opts: { clockRate: number; farEnds: Record<string, FarEndScript>; editConfig?: (input: ConfigInput) => void }): Promise<DemoStack> {
  const directory = await mkdtemp(join(tmpdir(), 'callfwd-cli-test-'));
  const prefix = `cli${randomBytes(4).toString('hex')}`;
  const demo = await startDemoSim({ ...opts, redisUrl: redisUrl(), prefix, directory });
  const redis = new Redis(redisUrl());
  const records = createCallRecordStore(redis, prefix);
  return {
    ...demo,
    prefix,
    redis,
    directory,
    env: { PATH: process.env.PATH, ...demo.secrets },
    async waitForRecord(callUuid, timeoutMs = 20_000) {
      return waitFor(`the call record of ${callUuid}`, () => records.get(callUuid).then((r) => r ?? undefined), timeoutMs);
    },
    async stop() {
      await demo.sim.stop();
      const keys = await redis.keys(`${prefix}*`);
      for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
      await redis.quit();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it gives a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A sink for a child's log lines that keeps them for a failing test's message. */
export function logSink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}
