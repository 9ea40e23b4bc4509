import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { findAccount, type Config } from '@callfwd/domain';
import {
  createCallRecordStore,
  createChangeHistory,
  createEmployeeCache,
  createEmployeeStore,
  createForwardDocStore,
  createLedger,
  createLineStore,
  createRecordingStore,
  createSettingsStore,
} from '@callfwd/store';
import type { Logger } from '@callfwd/telemetry';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Cluster, Redis } from 'ioredis';
import type { ApiToken } from './auth/api-token.js';
import { findToken } from './auth/find-token.js';
import { installAuth } from './auth/install-auth.js';
import type { DialplanOptions } from './dialplan/render-dialplan.js';
import { installErrorHandler } from './errors/install-error-handler.js';
import { createRedisHistoryReader, type HistoryReader } from './history/history-reader.js';
import type { ApiApp, ApiContext } from './http/api-context.js';
import { consoleRoot } from './http/console-root.js';
import { createRedisRecordsReader } from './records/create-redis-records-reader.js';
import type { RecordsReader } from './records/records-reader.js';
import { registerAccountRoutes } from './routes/accounts-routes.js';
import { registerConnectionRoutes } from './routes/connections-routes.js';
import { registerDialplanRoutes } from './routes/dialplan-routes.js';
import { registerEmployeeRoutes } from './routes/employees-routes.js';
import { registerForwardRoutes } from './routes/forwards-routes.js';
import { registerHistoryRoutes } from './routes/history-routes.js';
import { registerLineRoutes } from './routes/lines-routes.js';
import { registerRecordsRoutes } from './routes/records-routes.js';

export interface ApiRateLimit {
  /** Requests per window per token (or per IP without a token). Default 600. */
  max: number;
  /** Default 60 000. */
  timeWindowMs: number;
}

export interface ApiServerOptions {
  config: Config;
  redis: Redis | Cluster;
  log: Logger;
  /** The clients (parseApiTokens of CALLFWD_API_TOKENS); without any, every /v1 route answers 401. */
  tokens: readonly ApiToken[];
  /** Where the statement and recordings come from; default the Redis stores. */
  records?: RecordsReader;
  /** Where the change history comes from; default Redis (where changes are written). */
  history?: HistoryReader;
  now?: () => number;
  /** Recordings are served under this URL (by a web server on the recordings directory): the console plays them. */
  recordingsBaseUrl?: string;
  rateLimit?: Partial<ApiRateLimit>;
  dialplan?: DialplanOptions;
  /** How stale the dialplan's view of the employees may be (default 500 ms). */
  employeeRefreshMs?: number;
}

export const API_ROUTE_PREFIXES = ['/v1/', '/freeswitch/'] as const;

/**
 * The operator's API, the console and the dialplan service on one fastify instance, not listening:
 * the caller listens (loopback unless configured otherwise) and closes it. Routes are declared with
 * zod schemas, which validate, type and document them (GET /openapi.json).
 */
export function createApiServer(options: ApiServerOptions): ApiApp {
  const { config, redis } = options;
  const prefix = config.redis.prefix;
  const now = options.now ?? Date.now;
  const employees = createEmployeeStore(redis, prefix);
  const changes = createChangeHistory(redis, prefix);
  const ctx: ApiContext = {
    config,
    // With PostgreSQL, top-ups and forward-via changes reach its journal and history through the records outbox.
    ledger: createLedger(redis, prefix, config.postgres === undefined ? {} : { journal: { currency: (account) => findAccount(config, account)?.currency ?? 'XXX' } }),
    settings: createSettingsStore(redis, prefix, { history: config.postgres !== undefined }),
    forwardDocs: createForwardDocStore(redis, prefix),
    employees,
    lines: createLineStore(redis, prefix),
    employeeCache: createEmployeeCache(employees, { refreshMs: options.employeeRefreshMs ?? 500 }),
    changes,
    history: options.history ?? createRedisHistoryReader(changes),
    records:
      options.records ??
      createRedisRecordsReader(createCallRecordStore(redis, prefix), createRecordingStore(redis, prefix)),
    now,
    recordingsBaseUrl: options.recordingsBaseUrl,
    dialplan: options.dialplan ?? {},
  };

  const logger: FastifyBaseLogger = options.log;
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'callfwd',
        version: '1',
        description:
          "The operator's API: connections, lines, employees, accounts, the statement, forwards in flight, the change history.",
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  void app.register(rateLimit, {
    max: options.rateLimit?.max ?? 600,
    timeWindow: options.rateLimit?.timeWindowMs ?? 60_000,
    keyGenerator: (request) => {
      const token = findToken(options.tokens, request.headers.authorization);
      return token === undefined ? `ip:${request.ip}` : `token:${token.name}`;
    },
  });

  void app.register(async (api: ApiApp) => {
    installAuth(api, options.tokens);
    registerConnectionRoutes(api, ctx);
    registerAccountRoutes(api, ctx, redis);
    registerForwardRoutes(api, ctx);
    registerRecordsRoutes(api, ctx);
    registerHistoryRoutes(api, ctx);
    registerEmployeeRoutes(api, ctx);
    registerLineRoutes(api, ctx);
    registerDialplanRoutes(api, ctx);
    api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    await api.register(fastifyStatic, { root: consoleRoot(), prefix: '/', index: ['index.html'] });
  });

  return app;
}
