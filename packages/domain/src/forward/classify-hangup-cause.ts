import type { Outcome } from '../records/outcome.js';

/**
 * Who a failed leg's hangup cause speaks for. `target`: the person's answer (busy, no answer,
 * rejected): ringing them again through another line would be a second ring cycle, so the
 * caller gets the fallback. `route`: the way there failed (gateway down, congestion, network):
 * the next line of the route is tried (rule 7). `caller`: the caller left. `other`: anything
 * else, which does not fail over either.
 */
export type CauseClass =
  | { by: 'target'; outcome: 'busy' | 'no_answer' | 'rejected' }
  | { by: 'route'; outcome: 'route_down' }
  | { by: 'caller'; outcome: 'caller_hung_up' }
  | { by: 'other'; outcome: 'failed' };

const TARGET: Readonly<Record<string, 'busy' | 'no_answer' | 'rejected'>> = Object.freeze({
  USER_BUSY: 'busy',
  NO_ANSWER: 'no_answer',
  NO_USER_RESPONSE: 'no_answer',
  ALLOTTED_TIMEOUT: 'no_answer',
  RING_TIMEOUT: 'no_answer',
  CALL_REJECTED: 'rejected',
  USER_NOT_REGISTERED: 'rejected',
  SUBSCRIBER_ABSENT: 'rejected',
  UNALLOCATED_NUMBER: 'rejected',
  NUMBER_CHANGED: 'rejected',
  INVALID_NUMBER_FORMAT: 'rejected',
  INCOMPATIBLE_DESTINATION: 'rejected',
});

const ROUTE: ReadonlySet<string> = new Set([
  'NORMAL_TEMPORARY_FAILURE',
  'NETWORK_OUT_OF_ORDER',
  'NORMAL_CIRCUIT_CONGESTION',
  'SWITCH_CONGESTION',
  'GATEWAY_DOWN',
  'INVALID_GATEWAY',
  'DESTINATION_OUT_OF_ORDER',
  'RECOVERY_ON_TIMER_EXPIRE',
  'NO_ROUTE_DESTINATION',
  'NO_ROUTE_TRANSIT_NET',
  'CHAN_NOT_IMPLEMENTED',
  'SERVICE_UNAVAILABLE',
  'FACILITY_NOT_SUBSCRIBED',
  'BEARERCAPABILITY_NOTAVAIL',
  'MEDIA_TIMEOUT',
  'BAD_INPUT',
]);

const CALLER: ReadonlySet<string> = new Set(['ORIGINATOR_CANCEL', 'LOSE_RACE']);

/** Reads a hangup cause (`USER_BUSY`, or a reply such as `-ERR USER_BUSY`). */
export function classifyHangupCause(cause: string): CauseClass {
  const key = cause
    .trim()
    .replace(/^-ERR\s+/i, '')
    .trim()
    .toUpperCase();
  const target = Object.hasOwn(TARGET, key) ? TARGET[key] : undefined;
  if (target !== undefined) return { by: 'target', outcome: target };
  if (ROUTE.has(key)) return { by: 'route', outcome: 'route_down' };
  if (CALLER.has(key)) return { by: 'caller', outcome: 'caller_hung_up' };
  return { by: 'other', outcome: 'failed' };
}

/** Whether the next line of the route is tried after a leg failed with this outcome. */
export function failsOver(outcome: Outcome): boolean {
  return outcome === 'route_down' || outcome === 'insufficient_credit';
}
