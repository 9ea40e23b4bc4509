// The variables FreeSWITCH adds when a channel reaches CS_REPORTING (switch_channel_set_timestamps).
import type { Channel } from './channel.js';
import { getVar, setVar } from './channel.js';
import { formatLocal } from './event-bus.js';

const Q850: Readonly<Record<string, number>> = {
  UNALLOCATED_NUMBER: 1, NO_ROUTE_DESTINATION: 3, NORMAL_CLEARING: 16, USER_BUSY: 17,
  NO_USER_RESPONSE: 18, NO_ANSWER: 19, SUBSCRIBER_ABSENT: 20, CALL_REJECTED: 21,
  DESTINATION_OUT_OF_ORDER: 27, NORMAL_TEMPORARY_FAILURE: 41, CHAN_NOT_IMPLEMENTED: 66,
  RECOVERY_ON_TIMER_EXPIRE: 102, ORIGINATOR_CANCEL: 487, LOSE_RACE: 502, MANAGER_REQUEST: 503,
  ALLOTTED_TIMEOUT: 602, USER_NOT_REGISTERED: 606, INVALID_GATEWAY: 608,
};

/** switch_channel_cause_q850: FreeSWITCH's own causes (above 127: ORIGINATOR_CANCEL,
 *  ALLOTTED_TIMEOUT, MANAGER_REQUEST...) are not Q.850 codes and report 16, as every capture shows. */
export function q850Code(cause: string): number {
  const code = Q850[cause] ?? 0;
  return code > 127 ? 16 : code;
}

/** `wholeEpochSeconds`: the `*sec` and `*msec` spans are differences of whole epoch seconds and
 *  milliseconds, as switch_channel_set_timestamps computes them. */
export function addCdrVariables(channel: Channel, endUs: number, wholeEpochSeconds = false): void {
  const t = channel.profile.times;
  const cause = channel.hangupCause ?? 'NORMAL_CLEARING';
  const set = (name: string, value: string | number): void => setVar(channel, name, String(value));
  const stamp = (us: number): string => formatLocal(new Date(us / 1000));
  set('hangup_cause', cause);
  set('hangup_cause_q850', q850Code(cause));
  set('digits_dialed', 'none');
  set('start_stamp', stamp(t.created));
  set('profile_start_stamp', stamp(t.profileCreated));
  if (t.answered > 0) set('answer_stamp', stamp(t.answered));
  if (t.bridged > 0) set('bridge_stamp', stamp(t.bridged));
  if (t.progress > 0) set('progress_stamp', stamp(t.progress));
  if (t.progressMedia > 0) set('progress_media_stamp', stamp(t.progressMedia));
  set('end_stamp', stamp(endUs));
  const epochs: ReadonlyArray<readonly [string, number]> = [
    ['start', t.created], ['profile_start', t.profileCreated], ['answer', t.answered], ['bridge', t.bridged],
    ['last_hold', 0],
  ];
  for (const [name, us] of epochs) {
    set(`${name}_epoch`, Math.floor(us / 1e6));
    set(`${name}_uepoch`, us);
  }
  set('hold_accum_seconds', 0);
  set('hold_accum_usec', 0);
  set('hold_accum_ms', 0);
  for (const [name, us] of [['resurrect', 0], ['progress', t.progress], ['progress_media', t.progressMedia], ['end', endUs]] as const) {
    set(`${name}_epoch`, Math.floor(us / 1e6));
    set(`${name}_uepoch`, us);
  }
  set('last_app', channel.application ?? '');
  if (channel.applicationData) set('last_arg', channel.applicationData);
  // Without a name the capture node wrote the number alone (`48220000001`).
  const { callerIdName, callerIdNumber } = channel.profile;
  set('caller_id', callerIdName === undefined || callerIdName === '' ? callerIdNumber : `"${callerIdName}" <${callerIdNumber}>`);
  // [name, from, to] in microseconds; a span whose end never happened counts 0.
  const answered = t.answered > 0;
  const spans: ReadonlyArray<readonly [string, number, number]> = [
    ['duration', t.created, endUs],
    ['bill', t.answered, answered ? endUs : 0],
    ['progress', t.created, t.progress],
    ['answer', t.created, t.answered],
    ['wait', t.created, t.bridged],
    ['progress_media', t.created, t.progressMedia],
    ['flow_bill', t.created, answered ? endUs : 0],
  ];
  // FreeSWITCH subtracts whole epoch seconds (and whole epoch milliseconds).
  const between = (from: number, to: number, unitUs: number): number => {
    if (to <= 0) return 0;
    const whole = unitUs === 1 || wholeEpochSeconds ? Math.floor(to / unitUs) - Math.floor(from / unitUs) : Math.floor((to - from) / unitUs);
    return Math.max(0, whole);
  };
  const suffix = (name: string, unit: string): string => (name === 'duration' ? `${unit === 'sec' ? '' : unit[0]}duration` : `${name}${unit}`);
  for (const [name, from, to] of spans) set(suffix(name, 'sec'), between(from, to, 1e6));
  for (const [name, from, to] of spans) set(suffix(name, 'msec'), between(from, to, 1e3));
  for (const [name, from, to] of spans) set(suffix(name, 'usec'), between(from, to, 1));
  if (channel.kind.startsWith('loopback') || getVar(channel, 'is_loopback') !== undefined) set('is_loopback', 1);
}
