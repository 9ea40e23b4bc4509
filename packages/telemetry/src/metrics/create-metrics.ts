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
  /** Label every observation with all four (line '' when no leg was placed); `{ outcome }` alone is accepted. */
  readonly forwardOutcomes: Counter<'outcome' | 'node' | 'connection' | 'line'>;
  readonly parkToOriginate: Histogram;
  readonly postDialDelay: Histogram;
  readonly forwardsInFlight: Gauge<'node'>;
  readonly holdsOutstanding: Gauge<'account'>;
  readonly holdsOutstandingAmount: Gauge<'account'>;
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
      help: 'Forwarded calls by outcome (answered, busy, no_answer, insufficient_credit, ...), node, PBX connection and via line',
      labelNames: ['outcome', 'node', 'connection', 'line'],
      registers,
    }),
    parkToOriginate: new Histogram({
      name: METRIC_NAMES.parkToOriginate,
      help: 'Time from the node parking a call (event timestamp) to callfwd sending the originate',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    postDialDelay: new Histogram({
      name: METRIC_NAMES.postDialDelay,
      help: "Time from the node parking a call to the first leg's target ringing (early media) or answering",
      buckets: [0.5, 1, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 60],
      registers,
    }),
    forwardsInFlight: new Gauge({
      name: METRIC_NAMES.forwardsInFlight,
      help: "Forwards in flight per node (the forward documents' live set), sampled every few seconds",
      labelNames: ['node'],
      registers,
    }),
    holdsOutstanding: new Gauge({
      name: METRIC_NAMES.holdsOutstanding,
      help: 'Open credit holds per account, sampled from the ledger every few seconds',
      labelNames: ['account'],
      registers,
    }),
    holdsOutstandingAmount: new Gauge({
      name: METRIC_NAMES.holdsOutstandingAmount,
      help: 'The sum of the open credit holds per account, integer minor units, sampled from the ledger',
      labelNames: ['account'],
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
