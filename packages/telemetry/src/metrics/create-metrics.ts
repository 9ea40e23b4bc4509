import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { METRIC_NAMES } from '../metric-names.js';

/** The metrics of one callfwd process, in a registry of its own (no global state). */
export interface Metrics {
  readonly registry: Registry;
  readonly eslEvents: Counter<'node' | 'event'>;
  readonly eslMalformedEvents: Counter<'node'>;
  readonly nodeConnected: Gauge<'node' | 'role'>;
  readonly jobsAdded: Counter<'queue'>;
  readonly jobsCompleted: Counter<'queue'>;
  readonly jobsFailed: Counter<'queue'>;
  readonly jobsRetried: Counter<'queue'>;
  readonly queueWaiting: Gauge<'queue'>;
  readonly forwardOutcomes: Counter<'outcome'>;
  readonly parkToOriginate: Histogram;
  readonly ledgerConflicts: Counter<'kind'>;
  readonly redisConnected: Gauge;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'callfwd_process_' });
  const registers = [registry];
  return {
    registry,
    eslEvents: new Counter({
      name: METRIC_NAMES.eslEvents,
      help: 'Event-socket events received, per node and event name',
      labelNames: ['node', 'event'],
      registers,
    }),
    eslMalformedEvents: new Counter({
      name: METRIC_NAMES.eslMalformedEvents,
      help: 'Event-socket frames that could not be decoded, per node',
      labelNames: ['node'],
      registers,
    }),
    nodeConnected: new Gauge({
      name: METRIC_NAMES.nodeConnected,
      help: 'Whether the event socket to a FreeSWITCH node is up (1) or down (0)',
      labelNames: ['node', 'role'],
      registers,
    }),
    jobsAdded: new Counter({ name: METRIC_NAMES.jobsAdded, help: 'Jobs added, per queue', labelNames: ['queue'], registers }),
    jobsCompleted: new Counter({
      name: METRIC_NAMES.jobsCompleted,
      help: 'Jobs completed, per queue',
      labelNames: ['queue'],
      registers,
    }),
    jobsFailed: new Counter({
      name: METRIC_NAMES.jobsFailed,
      help: 'Jobs that failed for good (no retry left or not retryable), per queue',
      labelNames: ['queue'],
      registers,
    }),
    jobsRetried: new Counter({
      name: METRIC_NAMES.jobsRetried,
      help: 'Job attempts that failed and will be retried, per queue',
      labelNames: ['queue'],
      registers,
    }),
    queueWaiting: new Gauge({
      name: METRIC_NAMES.queueWaiting,
      help: 'Jobs waiting in a queue',
      labelNames: ['queue'],
      registers,
    }),
    forwardOutcomes: new Counter({
      name: METRIC_NAMES.forwardOutcomes,
      help: 'Forwarded calls by outcome (answered, busy, no_answer, insufficient_credit, ...)',
      labelNames: ['outcome'],
      registers,
    }),
    parkToOriginate: new Histogram({
      name: METRIC_NAMES.parkToOriginate,
      help: 'Time from the node parking a call (event timestamp) to callfwd sending the originate',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    ledgerConflicts: new Counter({
      name: METRIC_NAMES.ledgerConflicts,
      help: 'Ledger operations that met an unexpected state (cost above the hold, settle without a hold)',
      labelNames: ['kind'],
      registers,
    }),
    redisConnected: new Gauge({ name: METRIC_NAMES.redisConnected, help: 'Whether Redis is reachable (1) or not (0)', registers }),
  };
}
