export { METRIC_NAMES, type MetricName } from './metric-names.js';
export { createLogger, REDACTED_PATHS, type LoggerOptions, type Logger } from './logging/create-logger.js';
export { createMetrics, type Metrics } from './metrics/create-metrics.js';
export {
  createOpsServer,
  type OpsServer,
  type OpsServerOptions,
  type Readiness,
  type AdminRoute,
} from './http/create-ops-server.js';
