import { createApiServer, type ApiApp, type ApiToken } from '@callfwd/api';
import type { Config } from '@callfwd/domain';
import { createListener, type CallfwdListener } from '@callfwd/esl-listener';
import { createEmployeeStore, createForwardDocStore, createLedger, createLineStore, createRedis } from '@callfwd/store';
import { createOpsSampler, createOpsServer, createRecordsMetrics, type Logger, type Metrics, type Readiness } from '@callfwd/telemetry';
import { createWorker, type CallfwdWorker } from '@callfwd/worker';
import { redisSettingsOf } from '../redis/open-redis.js';
import { mergeReadiness } from './merge-readiness.js';
import { createRecordsRuntime, type RecordsRuntime, type RecordsTimings } from './records-runtime.js';

export const RUN_ROLES = ['listener', 'worker', 'all'] as const;
export type RunRole = (typeof RUN_ROLES)[number];

export interface RunProcessOptions {
  config: Config;
  role: RunRole;
  log: Logger;
  metrics: Metrics;
  /** Overrides config.http.port; 0 binds a free port. */
  httpPort?: number | undefined;
  /** Overrides config.http.apiPort (0 binds a free port); with neither, no API is served. */
  apiPort?: number | undefined;
  /** The API's clients (from the variable config.http.apiTokensEnv names). */
  apiTokens?: readonly ApiToken[];
  /** Overrides config.postgres.xmlCdr.port (0: a free port); needs postgres.xmlCdr in the config. */
  cdrPort?: number | undefined;
  /** The records drain's and reconciles' timings (tests); default the shipped ones. */
  recordsTimings?: Partial<RecordsTimings>;
}

export interface RunProcess {
  /** Starts the ops HTTP server, the API (when configured), then the apps; resolves with the bound addresses. */
  start(): Promise<{ host: string; port: number; apiPort: number | null; cdrPort: number | null }>;
  /** PostgreSQL's side (drain, reconciles, CDR endpoint), when config.postgres is set. */
  readonly records: RecordsRuntime | undefined;
  readiness(): Readiness;
  /** Resolves once Redis and every node are connected; logs what is missing every few seconds. */
  waitUntilReady(signal: AbortSignal): Promise<boolean>;
  /** No new jobs or legs; jobs in flight finish within config.worker.drainTimeoutMs; then closes everything. */
  drain(): Promise<{ finished: boolean }>;
}

const READY_POLL_MS = 50;
const WAITING_LOG_EVERY_MS = 5_000;

/** Wires the listener and/or the worker with the ops HTTP server (metrics, health), the API when asked for, and the records runtime with PostgreSQL. */
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
  });

  // PostgreSQL (config.postgres, from the file or DATABASE_URL): the drain runs beside the worker.
  const records = createRecordsRuntime({
    config,
    redis: admin,
    log: log.child({ app: 'records' }),
    metrics: createRecordsMetrics(metrics.registry),
    drain: worker !== undefined,
    cdrPort: options.cdrPort,
    ...(options.recordsTimings === undefined ? {} : { timings: options.recordsTimings }),
  });

  // Forwards in flight and holds outstanding, sampled where the listener runs (one per node pair).
  const sampler =
    role === 'worker'
      ? undefined
      : createOpsSampler({
          metrics,
          log: log.child({ app: 'sampler' }),
          nodeIds: config.nodes.map((n) => n.id),
          accountIds: config.accounts.map((a) => a.id),
          forwards: createForwardDocStore(admin, config.redis.prefix),
          ledger: createLedger(admin, config.redis.prefix),
          isRedisUp: () => admin.status === 'ready',
        });

  const apiPort = options.apiPort ?? config.http.apiPort;
  // The legacy admin token (http.tokenEnv) keeps working on the API as a write client.
  const tokens: ApiToken[] = [...(options.apiTokens ?? [])];
  if (config.http.token !== undefined) tokens.push({ name: 'http-admin', scope: 'write', secret: config.http.token });
  const api: ApiApp | undefined =
    apiPort === undefined ? undefined : createApiServer({ config, redis: admin, log: log.child({ app: 'api' }), tokens });

  return {
    async start() {
      const bound = await ops.start();
      log.info({ httpHost: bound.host, httpPort: bound.port }, 'http listening');
      await admin.connect().catch(() => undefined);
      if (worker !== undefined || api !== undefined || records !== undefined) {
        // The config file seeds the live employees and lines once; run-time changes (API, CLI) are kept across restarts.
        const seeded = await createEmployeeStore(admin, config.redis.prefix).seed(config.employees);
        if (seeded.seeded) log.info({ employees: config.employees.length }, 'live employees seeded from the config file');
        const linesSeeded = await createLineStore(admin, config.redis.prefix).seed(config.lines);
        if (linesSeeded.seeded) log.info({ lines: config.lines.length }, 'live lines seeded from the config file');
      }
      let boundApi: number | null = null;
      if (api !== undefined && apiPort !== undefined) {
        await api.listen({ host: config.http.host, port: apiPort });
        const address = api.server.address();
        boundApi = address !== null && typeof address === 'object' ? address.port : apiPort;
        log.info({ apiHost: config.http.host, apiPort: boundApi }, 'api and console listening');
      }
      const { cdrPort } = (await records?.start()) ?? { cdrPort: null };
      listener?.start();
      sampler?.start();
      await worker?.start();
      return { ...bound, apiPort: boundApi, cdrPort };
    },
    records,
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
      sampler?.stop();
      const deadlineMs = config.worker.drainTimeoutMs;
      const results = await Promise.all([listener?.drain(deadlineMs), worker?.drain(deadlineMs)]);
      // After the worker: its last records are drained to PostgreSQL (when it is up) before Redis closes.
      await records?.stop();
      await ops.stop();
      await api?.close();
      await admin.quit().catch(() => admin.disconnect());
      return { finished: results.every((r) => r === undefined || r.finished) };
    },
  };
}
