// Stamps events with the node's identity, clock and sequence number, publishes them, and keeps
// a bounded history for assertions.
import { performance } from 'node:perf_hooks';
import type { FsEvent, HeaderValue } from '../protocol/fs-event.js';
import { createBoundedLog } from './bounded-log.js';
import type { SimClock } from './sim-clock.js';

export interface NodeIdentity {
  readonly coreUuid: string;
  readonly hostname: string;
}

export interface RecordedEvent {
  /** performance.now() when the event was published. */
  readonly at: number;
  readonly event: FsEvent;
}

export interface EventBus {
  emit(name: string, headers: ReadonlyArray<readonly [string, HeaderValue]>, body?: string): FsEvent;
  history(): readonly RecordedEvent[];
}

/** Where each event is raised in FreeSWITCH 1.10.12 (Event-Calling-File/Function/Line-Number). */
const CALLING: Readonly<Record<string, readonly [string, string, string]>> = {
  CHANNEL_CREATE: ['switch_core_state_machine.c', 'switch_core_session_run', '626'],
  CHANNEL_ORIGINATE: ['switch_core_state_machine.c', 'switch_core_session_run', '632'],
  CHANNEL_PARK: ['switch_ivr.c', 'switch_ivr_park', '1002'],
  CHANNEL_UNPARK: ['switch_ivr.c', 'switch_ivr_park', '1213'],
  CHANNEL_PROGRESS: ['switch_channel.c', 'switch_channel_perform_mark_ring_ready_value', '3505'],
  CHANNEL_PROGRESS_MEDIA: ['switch_channel.c', 'switch_channel_perform_mark_pre_answered', '3560'],
  CHANNEL_ANSWER: ['switch_channel.c', 'switch_channel_perform_mark_answered', '3846'],
  CHANNEL_HANGUP: ['switch_channel.c', 'switch_channel_perform_hangup', '3445'],
  CHANNEL_HANGUP_COMPLETE: ['switch_core_state_machine.c', 'switch_core_session_reporting_state', '943'],
  CHANNEL_DESTROY: ['switch_core_session.c', 'switch_core_session_perform_destroy', '1584'],
  CHANNEL_BRIDGE: ['switch_ivr_bridge.c', 'switch_ivr_multi_threaded_bridge', '1689'],
  CHANNEL_UNBRIDGE: ['switch_ivr_bridge.c', 'switch_ivr_multi_threaded_bridge', '1879'],
  CHANNEL_EXECUTE: ['switch_core_session.c', 'switch_core_session_exec', '2944'],
  CHANNEL_EXECUTE_COMPLETE: ['switch_core_session.c', 'switch_core_session_exec', '2967'],
  RECORD_START: ['switch_ivr_async.c', 'record_callback', '1481'],
  RECORD_STOP: ['switch_ivr_async.c', 'send_record_stop_event', '1240'],
  BACKGROUND_JOB: ['mod_event_socket.c', 'api_exec', '1572'],
  DTMF: ['switch_channel.c', 'switch_channel_dequeue_dtmf', '677'],
  HEARTBEAT: ['switch_core.c', 'send_heartbeat', '95'],
};

/** Events kept for `events()` unless the node says otherwise (0: none, as in bench mode). */
export const DEFAULT_EVENT_HISTORY = 10_000;

export function createEventBus(
  identity: NodeIdentity,
  clock: SimClock,
  publish: (event: FsEvent) => void,
  historyLimit = DEFAULT_EVENT_HISTORY,
): EventBus {
  let sequence = 1000;
  const history = createBoundedLog<RecordedEvent>(historyLimit);
  // Both date headers only change once a second: format them once per second.
  let dateSecond = -1;
  let dateLocal = '';
  let dateGmt = '';
  return {
    emit(name, headers, body) {
      const micros = clock.nowMicros();
      const second = Math.floor(micros / 1e6);
      if (second !== dateSecond) {
        const date = new Date(second * 1000);
        dateSecond = second;
        dateLocal = formatLocal(date);
        dateGmt = date.toUTCString();
      }
      const calling = CALLING[name] ?? ['switch_event.c', 'switch_event_fire_detailed', '1'];
      sequence += 1;
      const event: FsEvent = {
        name,
        headers: [
          ['Event-Name', name],
          ['Core-UUID', identity.coreUuid],
          ['FreeSWITCH-Hostname', identity.hostname],
          ['FreeSWITCH-Switchname', identity.hostname],
          ['FreeSWITCH-IPv4', '127.0.0.1'],
          ['FreeSWITCH-IPv6', '::1'],
          ['Event-Date-Local', dateLocal],
          ['Event-Date-GMT', dateGmt],
          ['Event-Date-Timestamp', String(micros)],
          ['Event-Calling-File', calling[0]],
          ['Event-Calling-Function', calling[1]],
          ['Event-Calling-Line-Number', calling[2]],
          ['Event-Sequence', String(sequence)],
          ...headers,
        ],
        ...(body === undefined ? {} : { body }),
      };
      if (historyLimit > 0) history.push({ at: performance.now(), event });
      publish(event);
      return event;
    },
    history: () => history.items(),
  };
}

export function formatLocal(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
