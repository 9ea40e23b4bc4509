import type { Config } from '@callfwd/domain';
import { createListener, type CallfwdListener } from '@callfwd/esl-listener';
import { createRedis } from '@callfwd/store';
import { createOpsServer, type Logger, type Metrics, type Readiness } from '@callfwd/telemetry';
import { createWorker, type CallfwdWorker } from '@callfwd/worker';
import { redisSettingsOf } from '../redis/open-redis.js';
import { createAdminRoutes } from './admin-routes.js';
import { mergeReadiness } from './merge-readiness.js';

export const RUN_ROLES = ['listener', 'worker', 'all'] as const;
export type RunRole = (typeof RUN_ROLES)[number];

export interface RunProcessOptions {
  config: Config;
  role: RunRole;
  log: Logger;
  metrics: Metrics;
  /** Overrides config.http.port; 0 binds a free port. */
  httpPort?: number | undefined;
}

export interface RunProcess {
  /** Starts the ops HTTP server, then the apps; resolves with the bound HTTP address. */
  start(): Promise<{ host: string; port: number }>;
  readiness(): Readiness;
  /** Resolves once Redis and every node are connected; logs what is missing every few seconds. */
  waitUntilReady(signal: AbortSignal): Promise<boolean>;
  /** No new jobs or legs; jobs in flight finish within config.worker.drainTimeoutMs; then closes everything. */
  drain(): Promise<{ finished: boolean }>;
}

const READY_POLL_MS = 50;
const WAITING_LOG_EVERY_MS = 5_000;

/** Wires the listener and/or the worker with the ops HTTP server (metrics, health, admin routes). */
export function createRunProcess(options: RunProcessOptions): RunProcess {
  const { config, role, log, metrics } = options;
  const listener: CallfwdListener | undefined =
    role === 'worker' ? undefined : createListener({ config, log: log.child({ app: 'listener' }), metrics });
  const worker: CallfwdWorker | undefined =
    role === 'listener' ? undefined : createWorker({ config, log: log.child({ app: 'worker' }), metrics });
  const admin = createRedis(redisSettingsOf(config), 'command', { lazyConnect: true });
  admin.on('error', (err: Error) => log.warn({ err: err.message, app: 'admin' }, 'redis connection error'));
  const readiness = (): Readiness =>
    mergeReadiness([...(listener ? [listener.readiness()] : []), ...(worker ? [worker.readiness()] : [])]);
  const ops = createOpsServer({
    host: config.http.host,
    port: options.httpPort ?? config.http.port,
    registry: metrics.registry,
    readiness,
    log: log.child({ app: 'http' }),
    adminToken: config.http.token,
    adminRoutes: createAdminRoutes(config, admin),
  });

  return {
    async start() {
      const bound = await ops.start();
      log.info({ httpHost: bound.host, httpPort: bound.port }, 'http listening');
      listener?.start();
      await worker?.start();
      return bound;
    },
    readiness,
    async waitUntilReady(signal) {
      let nextLog = Date.now() + WAITING_LOG_EVERY_MS;
      while (!signal.aborted) {
        const state = readiness();
        if (state.ready) return true;
        if (Date.now() >= nextLog) {
          const missing = Object.entries(state.checks).filter(([, up]) => !up).map(([name]) => name);
          log.warn({ missing }, 'waiting for dependencies');
          nextLog = Date.now() + WAITING_LOG_EVERY_MS;
        }
        await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
      }
      return false;
    },
    async drain() {
      const deadlineMs = config.worker.drainTimeoutMs;
      const results = await Promise.all([listener?.drain(deadlineMs), worker?.drain(deadlineMs)]);
      await ops.stop();
      await admin.quit().catch(() => admin.disconnect());
      return { finished: results.every((r) => r === undefined || r.finished) };
    },
  };
}
