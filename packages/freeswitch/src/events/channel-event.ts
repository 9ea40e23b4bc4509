import type { ChannelEventName } from './event-names.js';

/**
 * Fields every channel event carries. `variables` holds the `variable_*` headers without
 * the prefix. A FreeSWITCH array variable (a JSON array, or `ARRAY::a|:b` in plain events,
 * e.g. `DP_MATCH`) appears in `variables` as its FIRST element and in full in `arrayVariables`.
 */
export interface ChannelEventBase {
  readonly node: string;
  readonly uuid: string;
  readonly direction: 'inbound' | 'outbound';
  readonly channelName: string;
  readonly callerNumber: string;
  readonly callerName: string;
  readonly origCallerNumber: string;
  readonly destination: string;
  readonly context: string;
  readonly answerState: string;
  /** Event-Date-Timestamp: microseconds since the epoch. */
  readonly timestampUs: number;
  /** Event-Sequence: per-node, increasing. */
  readonly sequence: number;
  readonly variables: Readonly<Record<string, string>>;
  readonly arrayVariables: Readonly<Record<string, readonly string[]>>;
}

/**
 * Events with no fields of their own. CHANNEL_PROGRESS is ringing (180), CHANNEL_PROGRESS_MEDIA
 * early media (183 / pre_answer): a far end with early media sends only the latter.
 */
export interface SimpleChannelEvent extends ChannelEventBase {
  readonly name:
    | 'CHANNEL_CREATE'
    | 'CHANNEL_PROGRESS'
    | 'CHANNEL_PROGRESS_MEDIA'
    | 'CHANNEL_PARK'
    | 'CHANNEL_ANSWER'
    | 'CHANNEL_DESTROY';
}

export interface HangupEvent extends ChannelEventBase {
  readonly name: 'CHANNEL_HANGUP';
  readonly hangupCause: string;
}

export interface HangupCompleteEvent extends ChannelEventBase {
  readonly name: 'CHANNEL_HANGUP_COMPLETE';
  readonly hangupCause: string;
  /** variable_billsec */
  readonly billsec: number;
  /** Caller-Channel-Answered-Time in microseconds; null when the channel never answered. */
  readonly answeredAtUs: number | null;
  /** Caller-Channel-Hangup-Time in microseconds; null when FreeSWITCH reports 0. */
  readonly endedAtUs: number | null;
}

export interface BridgeEvent extends ChannelEventBase {
  readonly name: 'CHANNEL_BRIDGE' | 'CHANNEL_UNBRIDGE';
  /** Other-Leg-Unique-ID, or Bridge-B-Unique-ID when the former is absent. */
  readonly otherUuid: string;
}

export interface RecordEvent extends ChannelEventBase {
  readonly name: 'RECORD_START' | 'RECORD_STOP';
  readonly recordPath: string;
  /** Record-Completion-Cause (RECORD_STOP), e.g. `success-maxtime`; null when absent. */
  readonly completionCause: string | null;
  readonly recordSeconds: number | null;
  readonly recordMs: number | null;
}

export type JobResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

/** BACKGROUND_JOB is not a channel event: it has no channel fields. */
export interface BackgroundJobEvent {
  readonly name: 'BACKGROUND_JOB';
  readonly node: string;
  readonly jobUuid: string;
  /** Job-Command, e.g. `originate` */
  readonly command: string;
  readonly commandArg: string;
  /** The job's reply text exactly as FreeSWITCH sent it, e.g. `+OK <uuid>\n`. */
  readonly body: string;
  readonly result: JobResult;
  readonly timestampUs: number;
  readonly sequence: number;
}

export type ChannelEvent =
  SimpleChannelEvent | HangupEvent | HangupCompleteEvent | BridgeEvent | RecordEvent | BackgroundJobEvent;

/** Why a frame did not decode. Only UNKNOWN_EVENT is harmless: callers ignore it and do not count it. */
export type DecodeFailureReason =
  'NOT_JSON' | 'NOT_AN_OBJECT' | 'MISSING_EVENT_NAME' | 'UNKNOWN_EVENT' | 'INVALID_FIELDS';

export type DecodeResult =
  | { readonly ok: true; readonly event: ChannelEvent }
  | {
      readonly ok: false;
      readonly reason: DecodeFailureReason;
      readonly detail: string;
      readonly eventName?: string;
    };

export type { ChannelEventName };
