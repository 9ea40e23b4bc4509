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

export function q850Code(cause: string): number {
  return Q850[cause] ?? 0;
}

export function addCdrVariables(channel: Channel, endUs: number): void {
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
  set('caller_id', `"${channel.profile.callerIdName ?? ''}" <${channel.profile.callerIdNumber}>`);
  const since = (us: number): number => (us > 0 ? Math.max(0, us - t.created) : 0);
  const durations: ReadonlyArray<readonly [string, number]> = [
    ['duration', endUs - t.created],
    ['bill', t.answered > 0 ? endUs - t.answered : 0],
    ['progress', since(t.progress)],
    ['answer', since(t.answered)],
    ['wait', since(t.bridged > 0 ? t.bridged : t.answered)],
    ['progress_media', since(t.progressMedia)],
    ['flow_bill', t.answered > 0 ? endUs - t.created : 0],
  ];
  const suffix = (name: string, unit: string): string => (name === 'duration' ? `${unit === 'sec' ? '' : unit[0]}duration` : `${name}${unit}`);
  for (const [name, us] of durations) set(suffix(name, 'sec'), Math.floor(us / 1e6));
  for (const [name, us] of durations) set(suffix(name, 'msec'), Math.floor(us / 1e3));
  for (const [name, us] of durations) set(suffix(name, 'usec'), us);
  if (channel.kind.startsWith('loopback') || getVar(channel, 'is_loopback') !== undefined) set('is_loopback', 1);
}
