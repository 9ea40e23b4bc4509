/**
 * Every Prometheus metric callfwd exports, by name. Alert rules in infra/prometheus and the README's
 * metrics table name these; a test checks that they agree.
 */
export const METRIC_NAMES = {
  eslEvents: 'callfwd_esl_events_total', // counter {node, event}
  eslMalformedEvents: 'callfwd_esl_malformed_events_total', // counter {node}
  nodeConnected: 'callfwd_node_connected', // gauge {node, role}: 1 up, 0 down
  jobsAdded: 'callfwd_jobs_added_total', // counter {queue}
  jobsCompleted: 'callfwd_jobs_completed_total', // counter {queue}
  jobsFailed: 'callfwd_jobs_failed_total', // counter {queue}
  jobsRetried: 'callfwd_jobs_retried_total', // counter {queue}
  queueWaiting: 'callfwd_queue_waiting_jobs', // gauge {queue}
  forwardOutcomes: 'callfwd_forward_outcomes_total', // counter {outcome, node, connection, line}
  parkToOriginate: 'callfwd_park_to_originate_seconds', // histogram
  postDialDelay: 'callfwd_post_dial_delay_seconds', // histogram: park to the first leg's early media or answer
  forwardsInFlight: 'callfwd_forwards_in_flight', // gauge {node}: the forward documents' live set, sampled
  holdsOutstanding: 'callfwd_holds_outstanding', // gauge {account}: open holds, sampled from the ledger
  holdsOutstandingAmount: 'callfwd_holds_outstanding_amount', // gauge {account}: their sum, minor units
  ledgerConflicts: 'callfwd_ledger_conflicts_total', // counter {kind}
  redisConnected: 'callfwd_redis_connected', // gauge: 1 up, 0 down
} as const;

export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];

/** The histograms: each is also exported as `<name>_bucket`, `<name>_sum` and `<name>_count`. */
export const HISTOGRAM_NAMES: readonly MetricName[] = [METRIC_NAMES.parkToOriginate, METRIC_NAMES.postDialDelay];
