export type OriginateFailureOutcome =
  'busy' | 'no_answer' | 'route_down' | 'rejected' | 'caller_hung_up' | 'failed';

export interface OriginateFailure {
  outcome: OriginateFailureOutcome;
  /** Whether the next line in the route is worth trying. */
  failover: boolean;
}

const BY_CAUSE: Readonly<Record<string, OriginateFailure>> = Object.freeze({
  USER_BUSY: { outcome: 'busy', failover: true },
  NO_ANSWER: { outcome: 'no_answer', failover: true },
  NO_USER_RESPONSE: { outcome: 'no_answer', failover: true },
  ALLOTTED_TIMEOUT: { outcome: 'no_answer', failover: true },
  RECOVERY_ON_TIMER_EXPIRE: { outcome: 'no_answer', failover: true },
  NORMAL_TEMPORARY_FAILURE: { outcome: 'route_down', failover: true },
  INVALID_GATEWAY: { outcome: 'route_down', failover: true },
  NO_ROUTE_DESTINATION: { outcome: 'route_down', failover: true },
  DESTINATION_OUT_OF_ORDER: { outcome: 'route_down', failover: true },
  NETWORK_OUT_OF_ORDER: { outcome: 'route_down', failover: true },
  GATEWAY_DOWN: { outcome: 'route_down', failover: true },
  CHAN_NOT_IMPLEMENTED: { outcome: 'route_down', failover: true },
  SERVICE_UNAVAILABLE: { outcome: 'route_down', failover: true },
  NORMAL_CIRCUIT_CONGESTION: { outcome: 'route_down', failover: true },
  SWITCH_CONGESTION: { outcome: 'route_down', failover: true },
  CALL_REJECTED: { outcome: 'rejected', failover: true },
  ORIGINATOR_CANCEL: { outcome: 'caller_hung_up', failover: false },
});

const OTHER: OriginateFailure = Object.freeze({ outcome: 'failed', failover: true });

/**
 * Rule 7: what a failed originate means, from its hangup cause (`USER_BUSY`, or the reply
 * text `-ERR USER_BUSY`), and whether to fail over to the next line.
 */
export function classifyOriginateFailure(cause: string): OriginateFailure {
  const key = cause
    .trim()
    .replace(/^-ERR\s+/i, '')
    .trim()
    .toUpperCase();
  const known = Object.hasOwn(BY_CAUSE, key) ? BY_CAUSE[key] : undefined;
  return { ...(known ?? OTHER) };
}
