// One simulated FreeSWITCH channel (session): its state, caller profile and variables.
import type { HeaderValue } from '../protocol/fs-event.js';
import type { CallerProfile } from './caller-profile.js';

export type CallState = 'DOWN' | 'RINGING' | 'EARLY' | 'ACTIVE' | 'HANGUP';
/** loopback legs come in pairs (-a outbound, -b inbound); sofia legs are SIP. */
export type LegKind = 'loopback-a' | 'loopback-b' | 'sofia-out' | 'sofia-in';

export const STATE_NUMBERS: Readonly<Record<string, number>> = {
  CS_NEW: 0, CS_INIT: 1, CS_ROUTING: 2, CS_SOFT_EXECUTE: 3, CS_EXECUTE: 4, CS_EXCHANGE_MEDIA: 5,
  CS_PARK: 6, CS_CONSUME_MEDIA: 7, CS_HIBERNATE: 8, CS_RESET: 9, CS_HANGUP: 10, CS_REPORTING: 11,
  CS_DESTROY: 12, CS_NONE: 0,
};

export interface Recording {
  readonly path: string;
  readonly startedUs: number;
  /** RECORD_ANSWER_REQ or media_bug_answer_req was true: audio only once the channel answers. */
  readonly answerRequired: boolean;
}

export interface Channel {
  readonly uuid: string;
  name: string;
  readonly kind: LegKind;
  readonly direction: 'inbound' | 'outbound';
  /** Channel-State (the running state) and Channel-State-Number (the target state). */
  runningState: string;
  stateNumber: number;
  callState: CallState;
  hitDialplan: boolean;
  /** Codec headers appear once media is set up (at once for loopback, on answer/early media for SIP out). */
  hasMedia: boolean;
  answered: boolean;
  early: boolean;
  hungUp: boolean;
  hangupCause: string | undefined;
  profile: CallerProfile;
  other: { type: 'originator' | 'originatee'; profile: CallerProfile } | undefined;
  readonly vars: Map<string, HeaderValue>;
  /** The other half of a loopback pair. */
  peer: string | undefined;
  bridgedWith: string | undefined;
  /** The callee id this leg was shown while bridged (last_sent_callee_id_* at the unbridge). */
  sentCallee?: { readonly name: string; readonly number: string };
  parked: boolean;
  application: string | undefined;
  applicationData: string | undefined;
  readonly recordings: Map<string, Recording>;
  /** Timers of this channel's script; cancelled when it hangs up. */
  readonly cancels: Array<() => void>;
  /** Called once when the channel answers (after CHANNEL_ANSWER). */
  readonly answerListeners: Array<() => void>;
  /** Called once on early media (CHANNEL_PROGRESS_MEDIA). */
  readonly earlyListeners: Array<() => void>;
  /** Called once when the channel hangs up (after CHANNEL_HANGUP). */
  readonly hangupListeners: Array<(cause: string) => void>;
  /** Called for every DTMF digit, after its DTMF event. */
  readonly dtmfListeners: Array<(digit: string) => void>;
  /** Digits the far end sent while nobody reads them yet (a confirm that waits for the answer). */
  heldDigits: string[] | undefined;
  /** An originate still running holds its legs' CHANNEL_DESTROY until it returns (the capture
   *  node: a killed ringing leg's DESTROY came when the other leg answered). */
  destroyHeld: boolean;
  pendingDestroy: (() => void) | undefined;
  /** Every application the channel ran (mod_xml_cdr's app_log), with its sim microsecond. */
  readonly appLog: Array<{ readonly app: string; readonly arg: string; readonly at: number }>;
  /** The node's sim clock in microseconds. */
  readonly now: () => number;
}

export function setVar(channel: Channel, name: string, value: HeaderValue): void {
  // switch_channel_set_variable deletes then appends: a re-set variable moves to the end.
  channel.vars.delete(name);
  channel.vars.set(name, value);
}

export function getVar(channel: Channel, name: string): string | undefined {
  const value = channel.vars.get(name);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : `ARRAY::${value.join('|:')}`;
}

/** The application the channel runs now (current_application / _data; no data deletes _data). */
export function setApplication(channel: Channel, app: string, arg = ''): void {
  setVar(channel, 'current_application', app);
  if (arg === '') channel.vars.delete('current_application_data');
  else setVar(channel, 'current_application_data', arg);
  channel.application = app;
  channel.applicationData = arg;
  if (channel.appLog.length < APP_LOG_LIMIT) channel.appLog.push({ app, arg, at: channel.now() });
}

const APP_LOG_LIMIT = 100;

export function setState(channel: Channel, running: string, number = STATE_NUMBERS[running] ?? 0): void {
  channel.runningState = running;
  channel.stateNumber = number;
}

export function answerState(channel: Channel): string {
  if (channel.hungUp) return 'hangup';
  if (channel.answered) return 'answered';
  if (channel.early) return 'early';
  return 'ringing';
}
