export { HISTOGRAM_NAMES, METRIC_NAMES, type MetricName } from './metric-names.js';
export { createLogger, REDACTED_PATHS, type LoggerOptions, type Logger } from './logging/create-logger.js';
export { createMetrics, type Metrics } from './metrics/create-metrics.js';
export {
  createOpsSampler,
  type HoldSource,
  type LiveForwardSource,
  type OpsSampler,
  type OpsSamplerOptions,
} from './metrics/create-ops-sampler.js';
export { nodesOf, readinessStatus, type ReadinessStatus } from './http/readiness-status.js';
export {
  createOpsServer,
  type OpsServer,
  type OpsServerOptions,
  type Readiness,
} from './http/create-ops-server.js';
export { createRecordsMetrics, RECORDS_METRIC_NAMES, type RecordsMetrics } from './metrics/records-metrics.js';
