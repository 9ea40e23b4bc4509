import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { spawnNodeProcess, type NodeProcess } from '../procs/spawn-node-process.js';
import { WorkerConfigSchema, type ConfigInput } from '@callfwd/domain';
import { benchConfigInput } from './bench-config.js';

export type ScenarioName = 'callfwd' | 'direct' | 'bullmq';

export interface ProcessPlan {
  readonly root: string;
  readonly dir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly ports: readonly number[];
  readonly redisUrl: string;
  /** callfwd's config gets a postgres section with it; null: none. */
  readonly postgresUrl: string | null;
  readonly prefix: string;
  readonly employees: NonNullable<ConfigInput['employees']>;
  readonly logLevel: string;
}

/** The bare hop's worker takes as many jobs at once as callfwd's shipped worker.concurrency. */
const BARE_HOP_CONCURRENCY = WorkerConfigSchema.parse({}).concurrency;
const BENCH_SRC = 'packages/bench/src';
const CLI_BIN = 'packages/cli/src/bin.ts';

/**
 * `callfwd run` from the CLI once it is committed; until then the bench's own runner of the same
 * apps. CALLFWD_BENCH_RUNNER=cli|bench forces one.
 */
export function callfwdRunner(root: string): 'cli' | 'bench' {
  const forced = process.env.CALLFWD_BENCH_RUNNER;
  if (forced === 'bench' || forced === 'cli') return forced;
  if (!existsSync(join(root, CLI_BIN))) return 'bench';
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', CLI_BIN], { cwd: root, stdio: 'ignore' });
    return 'cli';
  } catch {
    return 'bench';
  }
}

/** Starts the processes under test of one scenario, each in its own process, as deployed. */
export async function startScenarioProcesses(name: ScenarioName, plan: ProcessPlan): Promise<NodeProcess[]> {
  const started: NodeProcess[] = [];
  const start = async (procName: string, args: string[], env: Record<string, string> = {}, readyProbe?: () => Promise<boolean>) => {
    started.push(await spawnNodeProcess({ name: procName, args, cwd: plan.root, env: { ...plan.env, ...env }, readyTimeoutMs: 60_000, ...(readyProbe === undefined ? {} : { readyProbe }) }));
  };
  const portsEnv = { CALLFWD_BENCH_PORTS: plan.ports.join(','), REDIS_URL: plan.redisUrl, CALLFWD_BENCH_CONCURRENCY: String(BARE_HOP_CONCURRENCY) };
  try {
    switch (name) {
      case 'callfwd': {
        const file = join(plan.dir, 'callfwd.yaml');
        const input = benchConfigInput({ ports: plan.ports, redisUrl: plan.redisUrl, postgresUrl: plan.postgresUrl, prefix: plan.prefix, employees: plan.employees });
        writeFileSync(file, stringify(input));
        // The config says whether there is a PostgreSQL: a DATABASE_URL of the bench's own shell is not used.
        const env = { CALLFWD_LOG_LEVEL: plan.logLevel, LOG_LEVEL: plan.logLevel, DATABASE_URL: '' };
        if (callfwdRunner(plan.root) === 'bench') {
          await start('worker', [`${BENCH_SRC}/apps/run-role-main.ts`, '--config', file, '--role', 'worker'], env);
          await start('listener', [`${BENCH_SRC}/apps/run-role-main.ts`, '--config', file, '--role', 'listener'], env);
          break;
        }
        // `callfwd run` logs "ready" at info; at --log-level warn or above its /readyz says it instead.
        for (const role of ['worker', 'listener'] as const) {
          const port = await freePort();
          await start(role, [CLI_BIN, 'run', '--http-port', String(port), '--config', file, '--role', role], env, () => saysReady(port));
        }
        break;
      }
      case 'direct':
        await start('direct', [`${BENCH_SRC}/baselines/direct-main.ts`], portsEnv);
        break;
      case 'bullmq': {
        const hop = { ...portsEnv, CALLFWD_BENCH_HOP_PREFIX: `${plan.prefix}-hop` };
        await start('bull-worker', [`${BENCH_SRC}/baselines/bull-worker-main.ts`], hop);
        await start('bull-producer', [`${BENCH_SRC}/baselines/bull-producer-main.ts`], hop);
        break;
      }
    }
    return started;
  } catch (err) {
    await Promise.all(started.map((p) => p.stop(2_000)));
    throw err;
  }
}

/** A port free on 127.0.0.1 just now (the OS picks it; the process binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** The ops server's /readyz says `ready` (not merely degraded: every node and Redis are up). */
async function saysReady(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1_000) });
  if (res.status !== 200) return false;
  const body = (await res.json()) as { status?: unknown };
  return body.status === 'ready';
}
