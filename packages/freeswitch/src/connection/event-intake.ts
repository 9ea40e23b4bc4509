import type { FreeSwitchEventData, FreeSwitchResponse } from 'esl';
import type { ChannelEvent, ChannelEventName } from '../events/channel-event.js';
import { decodeEvent, isMalformed } from '../events/decode-event.js';

export interface EventIntake {
  readonly nodeId: string;
  readonly events: readonly ChannelEventName[];
  readonly onEvent: (event: ChannelEvent) => void;
  readonly onMalformed: (reason: string, detail: string) => void;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

/**
 * Wires one esl session's frames to the decoder: every subscribed event is decoded
 * synchronously as it is parsed (no await, no per-event logging); broken frames of any
 * kind go to onMalformed; events callfwd does not use are dropped without a count.
 */
export function listenForEvents(call: FreeSwitchResponse, intake: EventIntake): void {
  const decoded = (data: FreeSwitchEventData): void => {
    const result = decodeEvent(data.headers, data.body, intake.nodeId);
    if (result.ok) intake.onEvent(result.event);
    else if (isMalformed(result)) intake.onMalformed(result.reason, result.detail);
  };
  for (const name of intake.events) call.on(name, decoded);
  call.on('error.invalid-json', (err) => intake.onMalformed('NOT_JSON', describe(err)));
  call.on('error.missing-event-name', (err) => {
    // esl reports a name it does not know like a missing name; only the latter is malformed.
    const result = decodeEvent(err.headers, err.body, intake.nodeId);
    if (!result.ok && isMalformed(result)) intake.onMalformed(result.reason, result.detail);
  });
  call.on('error.unhandled-content-type', (err) =>
    intake.onMalformed('UNHANDLED_CONTENT_TYPE', err.content_type),
  );
  call.on('error.missing-content-type', () =>
    intake.onMalformed('MISSING_CONTENT_TYPE', 'frame without Content-Type'),
  );
}
