import type { ForwardCall } from '@callfwd/domain';
import type { ChannelEventBase } from '@callfwd/freeswitch';
import { bounded, msOfUs, TEXT_LIMITS } from './event-values.js';

/**
 * The tagged inbound call an event describes (its CHANNEL_PARK, or its hangup): what the dialplan
 * tagged it with and who called. `parkedAt` is the event's time. Not validated here: the job is.
 */
export function forwardCallFromEvent(event: ChannelEventBase): ForwardCall {
  const disposition = event.variables.originate_disposition;
  return {
    node: event.node,
    callUuid: event.uuid,
    connection: event.variables.callfwd_connection ?? '',
    dialled: bounded(event.destination, TEXT_LIMITS.dialled),
    callerNumber: bounded(event.callerNumber, TEXT_LIMITS.callerNumber),
    callerName: bounded(event.callerName, TEXT_LIMITS.callerName),
    disposition: disposition ? bounded(disposition, TEXT_LIMITS.disposition) : null,
    parkedAt: msOfUs(event.timestampUs),
    isForwardLeg: event.variables.callfwd_forwarded === 'true',
  };
}

/**
 * A caller callfwd forwards: an inbound call the dialplan tagged with its connection, and not one
 * of our own legs (ours carry callfwd_parent; a loopback leg's -b half is inbound and carries it too).
 */
export function isTaggedCaller(event: ChannelEventBase): boolean {
  return (
    event.direction === 'inbound' && !!event.variables.callfwd_connection && !event.variables.callfwd_parent
  );
}
