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
  forwardOutcomes: 'callfwd_forward_outcomes_total', // counter {outcome}
  parkToOriginate: 'callfwd_park_to_originate_seconds', // histogram
  ledgerConflicts: 'callfwd_ledger_conflicts_total', // counter {kind}
  redisConnected: 'callfwd_redis_connected', // gauge: 1 up, 0 down
} as const;

export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];
