import type { Draft, ForwardContext, ForwardStep } from './forward-context.js';
import { onCreditExtended, onRenewDue } from './forward-credit.js';
import { forwardEventId, type ForwardEvent } from './forward-event.js';
import { endForward } from './forward-end.js';
import { onAnswered, onBridged, onBridgeFailed, onCallerHungUp, onEarlyMedia, onLegHungUp, onOriginateResult } from './forward-legs.js';
import { newForwardState, onCreditHeld, onCreditRefused, onParked } from './forward-start.js';
import type { ForwardState } from './forward-state.js';
import { giveUp, onBridgeTimeout, onLegsGone, onRingTimeout } from './forward-timers.js';

const SEEN_LIMIT = 256;

/** Events that still matter once the record is written: a late leg is ended and charged, a late hold voided. */
const AFTER_DONE: ReadonlySet<ForwardEvent['kind']> = new Set(['leg_answered', 'leg_early_media', 'leg_hung_up', 'credit_held']);

/**
 * Whether an event can still change a forward that is done. An event that cannot is ignored by
 * every version of a done forward, since no state leaves done: a worker may decide it on any copy.
 */
export function mattersAfterDone(kind: ForwardEvent['kind']): boolean {
  return AFTER_DONE.has(kind);
}

/**
 * The forward as a state machine: one pure function from (state, event, context) to the next
 * state and the effects to run. Total: every event in every state gives a result (often "nothing
 * to do"); a repeated event changes nothing. The worker loads, calls this, stores the state by
 * compare-and-set, then runs the effects.
 */
export function stepForward(state: ForwardState | null, event: ForwardEvent, ctx: ForwardContext): ForwardStep {
  const id = forwardEventId(event);
  if (state === null) return fromNothing(event, ctx);
  if (state.seen.includes(id)) return { state, effects: [], ignored: 'duplicate event' };
  if (state.phase === 'done' && !AFTER_DONE.has(event.kind)) {
    return { state, effects: [], ignored: 'forward is done' };
  }
  const draft: Draft = { state, effects: [], ctx, idCursor: 0 };
  apply(draft, event);
  // An event that changes nothing leaves no trace (nothing to store): applied again later it still
  // finds nothing to do, since no state goes back.
  if (draft.state === state && draft.effects.length === 0) return { state, effects: [], ignored: 'nothing to do' };
  const next: ForwardState = { ...draft.state, seen: [...draft.state.seen, id].slice(-SEEN_LIMIT) };
  return { state: next, effects: draft.effects };
}

/** Only a park starts a forward; a caller's hangup before its park was handled leaves a record of it. */
function fromNothing(event: ForwardEvent, ctx: ForwardContext): ForwardStep {
  if (event.kind === 'parked') {
    const draft: Draft = { state: newForwardState(event.call), effects: [], ctx, idCursor: 0 };
    onParked(draft);
    return { state: { ...draft.state, seen: [forwardEventId(event)] }, effects: draft.effects };
  }
  if (event.kind === 'caller_hung_up' && event.call !== null) {
    const draft: Draft = { state: newForwardState(event.call), effects: [], ctx, idCursor: 0 };
    draft.state = { ...draft.state, callerGoneAt: event.at, silent: !event.parked };
    endForward(draft, { outcome: 'caller_hung_up', note: 'the caller hung up before the forward started', fallback: false, hangupCause: event.cause });
    return { state: { ...draft.state, seen: ['parked', forwardEventId(event)] }, effects: draft.effects };
  }
  return { state: null, effects: [], ignored: 'no forward for this call' };
}

function apply(draft: Draft, event: ForwardEvent): void {
  switch (event.kind) {
    case 'parked':
      return;
    case 'credit_held':
      return onCreditHeld(draft, event.legUuid, event.held);
    case 'credit_refused':
      return onCreditRefused(draft, event.legUuid, event.limit === true);
    case 'credit_extended':
      return onCreditExtended(draft, event.legUuid, event.slice, event.held);
    case 'originate_result':
      return onOriginateResult(draft, event.legUuid, event.ok, event.cause);
    case 'leg_early_media':
      return onEarlyMedia(draft, event.legUuid);
    case 'leg_answered':
      return onAnswered(draft, event.legUuid, event.at);
    case 'leg_bridged':
      return onBridged(draft, event.legUuid, event.at);
    case 'bridge_failed':
      return onBridgeFailed(draft, event.legUuid);
    case 'leg_hung_up':
      return onLegHungUp(draft, event.legUuid, event);
    case 'caller_hung_up':
      return onCallerHungUp(draft, event.cause, event.at);
    case 'recording_failed':
      draft.state = { ...draft.state, recording: null };
      return;
    case 'give_up':
      return giveUp(draft, `gave up: ${event.reason}`.slice(0, 1024));
    case 'timer':
      switch (event.timer) {
        case 'ring_timeout':
          return event.legUuid === null ? undefined : onRingTimeout(draft, event.legUuid);
        case 'bridge_timeout':
          return event.legUuid === null ? undefined : onBridgeTimeout(draft, event.legUuid);
        case 'renew_credit':
          return event.legUuid === null ? undefined : onRenewDue(draft, event.legUuid, event.slice);
        case 'deadline':
          return giveUp(draft, 'the caller waited as long as the route allows');
        case 'legs_gone':
          return onLegsGone(draft);
      }
  }
}
