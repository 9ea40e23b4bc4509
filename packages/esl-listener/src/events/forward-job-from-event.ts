import { isUuid, type ForwardEvent } from '@callfwd/domain';
import {
  parseOriginateArg,
  type BackgroundJobEvent,
  type BridgeEvent,
  type ChannelEvent,
  type ChannelEventBase,
  type HangupCompleteEvent,
} from '@callfwd/freeswitch';
import { bounded, msOfUs, TEXT_LIMITS } from './event-values.js';
import { forwardCallFromEvent, isTaggedCaller } from './forward-call-from-event.js';
import { forwardJob, invalidJob, NO_JOB, type ForwardJobFromEvent } from './forward-job-result.js';

/**
 * The event job a FreeSWITCH event makes, pure: the caller's park, bridge and hangup; our leg's
 * early media, answer, bridge and hangup; the originate's BACKGROUND_JOB. Anything else is none.
 */
export function forwardJobFromEvent(event: ChannelEvent): ForwardJobFromEvent {
  switch (event.name) {
    case 'CHANNEL_PARK':
      return isTaggedCaller(event)
        ? forwardJob(event.node, event.uuid, { kind: 'parked', call: forwardCallFromEvent(event) })
        : NO_JOB;
    case 'CHANNEL_PROGRESS_MEDIA':
    case 'CHANNEL_ANSWER': {
      const kind = event.name === 'CHANNEL_ANSWER' ? 'leg_answered' : 'leg_early_media';
      return onLeg(event, () => ({ kind, legUuid: event.uuid, at: msOfUs(event.timestampUs) }));
    }
    case 'CHANNEL_BRIDGE':
      return fromBridge(event);
    case 'CHANNEL_HANGUP_COMPLETE':
      return fromHangup(event);
    case 'BACKGROUND_JOB':
      return fromBackgroundJob(event);
    default:
      return NO_JOB;
  }
}

/**
 * The event of our own forward leg, for its caller. A leg is ours when it carries callfwd_leg =
 * its own uuid: mod_loopback copies the originate's variables onto the far `-b` half, whose uuid differs.
 */
function onLeg(event: ChannelEventBase, make: (parent: string) => ForwardEvent): ForwardJobFromEvent {
  if (event.variables.callfwd_leg !== event.uuid) return NO_JOB;
  const parent = event.variables.callfwd_parent ?? '';
  if (!isUuid(parent)) return invalidJob(`callfwd_parent of leg ${event.uuid} is not a uuid`);
  return forwardJob(event.node, parent, make(parent));
}

/** FreeSWITCH reports a uuid_bridge on the caller (the originator); a bridge seen on the leg means the same. */
function fromBridge(event: BridgeEvent): ForwardJobFromEvent {
  const at = msOfUs(event.timestampUs);
  if (event.variables.callfwd_leg === event.uuid)
    return onLeg(event, () => ({ kind: 'leg_bridged', legUuid: event.uuid, at }));
  if (!isTaggedCaller(event)) return NO_JOB;
  if (!isUuid(event.otherUuid))
    return invalidJob(`the other leg of caller ${event.uuid}'s bridge is not a uuid`);
  return forwardJob(event.node, event.uuid, { kind: 'leg_bridged', legUuid: event.otherUuid, at });
}

function fromHangup(event: HangupCompleteEvent): ForwardJobFromEvent {
  const cause = bounded(event.hangupCause, TEXT_LIMITS.cause);
  const endedAt = msOfUs(event.endedAtUs ?? event.timestampUs);
  if (event.variables.callfwd_leg === event.uuid) {
    return onLeg(event, (parent) => ({
      kind: 'leg_hung_up',
      legUuid: event.uuid,
      cause,
      billsec: event.billsec,
      answeredAt: event.answeredAtUs === null ? null : msOfUs(event.answeredAtUs),
      endedAt,
      bridgedAt: bridgedToCallerAt(event, parent),
    }));
  }
  if (!isTaggedCaller(event)) return NO_JOB;
  return forwardJob(event.node, event.uuid, {
    kind: 'caller_hung_up',
    cause,
    at: endedAt,
    call: forwardCallFromEvent(event),
    // FreeSWITCH keeps park as the application of a caller that uuid_bridge took out of park: a
    // caller that was bridged (bridge_uepoch set) did not hang up while waiting parked.
    parked:
      (event.variables.last_app === 'park' || event.variables.current_application === 'park') &&
      (event.variables.bridge_uepoch ?? '0') === '0',
  });
}

/** When the node bridged the leg to its caller: bridge_uepoch (µs, 0 if never), if last_bridge_to is the caller. */
function bridgedToCallerAt(event: HangupCompleteEvent, parent: string): number | null {
  const us = Number(event.variables.bridge_uepoch ?? '0');
  if (!Number.isSafeInteger(us) || us <= 0 || event.variables.last_bridge_to !== parent) return null;
  return msOfUs(us);
}

/**
 * The result of our originate: BACKGROUND_JOB goes to every socket subscribed to it, so it is told
 * by the `{...}` block of its Job-Command-Arg (callfwd_parent, callfwd_leg), not by its Job-UUID.
 */
function fromBackgroundJob(event: BackgroundJobEvent): ForwardJobFromEvent {
  if (event.command !== 'originate') return NO_JOB;
  const vars = parseOriginateArg(event.commandArg);
  const parent = vars.callfwd_parent;
  const legUuid = vars.callfwd_leg;
  if (parent === undefined || legUuid === undefined) return NO_JOB;
  if (!isUuid(parent) || !isUuid(legUuid))
    return invalidJob(`originate job ${event.jobUuid}: callfwd_parent or callfwd_leg is not a uuid`);
  // `+OK <uuid>` only says the leg answered or has early media, which the leg's own events tell the
  // forward (and end a leg it no longer wants): no job. Except on a confirm leg (rule 9), where
  // `+OK` is the only word that the key was pressed. `-ERR <cause>` is the only word of a leg that
  // never became a channel (INVALID_GATEWAY), so it is one.
  if (event.result.ok) {
    if (vars.group_confirm_key === undefined) return NO_JOB;
    return forwardJob(event.node, parent, { kind: 'originate_result', legUuid, ok: true, cause: null });
  }
  const cause = bounded(event.result.error, TEXT_LIMITS.cause);
  return forwardJob(event.node, parent, { kind: 'originate_result', legUuid, ok: false, cause });
}
