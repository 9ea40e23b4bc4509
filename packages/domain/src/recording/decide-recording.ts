import type { Account } from '../config/account-schema.js';

export type RecordingDecision =
  | { record: true; startOn: 'answer'; reason: 'record_all_calls' }
  | { record: false; reason: 'recording_off' };

/**
 * Rule 5: a forwarded call is recorded when the paying account records all calls. The
 * recording starts when the forward target answers, so an unanswered call has none.
 */
export function decideRecording(account: Pick<Account, 'recordAllCalls'>): RecordingDecision {
  return account.recordAllCalls
    ? { record: true, startOn: 'answer', reason: 'record_all_calls' }
    : { record: false, reason: 'recording_off' };
}
