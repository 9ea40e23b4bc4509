// @callfwd/api: the operator's HTTP API (with its OpenAPI document), the web console, and the
// dialplan served to FreeSWITCH's mod_xml_curl.

export {
  createApiServer,
  API_ROUTE_PREFIXES,
  type ApiRateLimit,
  type ApiServerOptions,
} from './create-api-server.js';
export type { ApiApp } from './http/api-context.js';
export { ApiTokenSchema, TOKEN_SCOPES, type ApiToken, type TokenScope } from './auth/api-token.js';
export { parseApiTokens, type ParseApiTokensResult } from './auth/parse-api-tokens.js';
export { ApiError, API_ERROR_CODES, type ApiErrorBody, type ApiErrorCode } from './errors/api-error.js';
export type {
  Paged,
  RecordingEntry,
  RecordsFilter,
  RecordsPage,
  RecordsReader,
  StatementRecord,
} from './records/records-reader.js';
export { createRedisRecordsReader } from './records/create-redis-records-reader.js';
export {
  createRedisHistoryReader,
  type HistoryFilter,
  type HistoryReader,
} from './history/history-reader.js';
export {
  DEFAULT_CONTEXTS,
  DEFAULT_DESK_DIAL,
  DEFAULT_PARK_TIMEOUT_SECONDS,
  renderDialplan,
  renderNotFound,
  type DialplanForm,
  type DialplanOptions,
} from './dialplan/render-dialplan.js';
export { checkEmployee } from './employees/check-employee.js';
export { checkLineChange, type LineChange } from './lines/check-line-change.js';
export { readLiveConfig, type LiveConfig, type LiveSources } from './lines/read-live-config.js';
