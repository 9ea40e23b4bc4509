export { METRIC_NAMES, type MetricName } from './metric-names.js';
