import type { Config } from '@callfwd/domain';
import type {
  ChangeHistory,
  EmployeeCache,
  EmployeeStore,
  ForwardDocStore,
  Ledger,
  LineStore,
  SettingsStore,
} from '@callfwd/store';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DialplanOptions } from '../dialplan/render-dialplan.js';
import type { HistoryReader } from '../history/history-reader.js';
import type { RecordsReader } from '../records/records-reader.js';

/** The fastify instance the routes are declared on: zod schemas for types, validation and OpenAPI. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What the routes work with: made once by createApiServer. */
export interface ApiContext {
  config: Config;
  ledger: Ledger;
  settings: SettingsStore;
  forwardDocs: ForwardDocStore;
  employees: EmployeeStore;
  /** The live employees for the dialplan (FreeSWITCH asks at every call): no Redis round trip per call. */
  employeeCache: EmployeeCache;
  /** The live lines (seeded from the config file): read them with readLiveConfig. */
  lines: LineStore;
  changes: ChangeHistory;
  history: HistoryReader;
  records: RecordsReader;
  now: () => number;
  recordingsBaseUrl: string | undefined;
  dialplan: DialplanOptions;
}
