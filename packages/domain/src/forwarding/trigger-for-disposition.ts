import type { Trigger } from './trigger.js';

/** What the desk-phone attempt told us, read from the channel's `originate_disposition`. */
export type DispositionReading =
  | { kind: 'none' } // no desk phone was tried (or no result): only `always` forwards
  | { kind: 'trigger'; trigger: Exclude<Trigger, 'always'> }
  | { kind: 'not_forwardable'; cause: string };

const BY_CAUSE: Readonly<Record<string, Exclude<Trigger, 'always'>>> = Object.freeze({
  USER_BUSY: 'busy',
  NO_ANSWER: 'no_answer',
  NO_USER_RESPONSE: 'no_answer',
  ALLOTTED_TIMEOUT: 'no_answer',
  USER_NOT_REGISTERED: 'unavailable',
  SUBSCRIBER_ABSENT: 'unavailable',
  UNALLOCATED_NUMBER: 'unavailable',
  NO_ROUTE_DESTINATION: 'unavailable',
});

/** Maps FreeSWITCH's `originate_disposition` to the trigger it calls for. */
export function triggerForDisposition(disposition: string | undefined | null): DispositionReading {
  const cause = (disposition ?? '').trim().toUpperCase();
  if (cause === '' || cause === 'FAILURE') return { kind: 'none' };
  const trigger = Object.hasOwn(BY_CAUSE, cause) ? BY_CAUSE[cause] : undefined;
  return trigger === undefined ? { kind: 'not_forwardable', cause } : { kind: 'trigger', trigger };
}
