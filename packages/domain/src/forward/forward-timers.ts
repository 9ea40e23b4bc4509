import { emit, findLeg, isCurrent, updateLeg, type Draft } from './forward-context.js';
import { endForward, finishIfQuiet, legFailed } from './forward-end.js';

/**
 * The leg rang (or waited for its confirm key) past FreeSWITCH's own timeouts plus slack, or its
 * originate was lost: give up on it. A leg that answered but never confirmed keeps its hold for
 * the charge its hangup brings.
 */
export function onRingTimeout(draft: Draft, legUuid: string): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || !isCurrent(draft.state, leg)) return;
  if (leg.status !== 'holding' && leg.status !== 'ringing' && leg.status !== 'early' && leg.status !== 'confirming') return;
  if (leg.status !== 'holding') emit(draft, { kind: 'kill', uuid: legUuid, cause: 'NO_ANSWER' });
  updateLeg(draft, legUuid, { cancelled: true });
  legFailed(draft, legUuid, 'RING_TIMEOUT', { resolve: leg.status !== 'confirming', outcome: 'no_answer' });
}

/** Answered, but no CHANNEL_BRIDGE came: end the leg, give the caller the fallback. */
export function onBridgeTimeout(draft: Draft, legUuid: string): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.bridgedAt !== null || leg.status === 'ended' || draft.state.phase !== 'trying') return;
  if (leg.status !== 'answered' && leg.status !== 'early') return;
  emit(draft, { kind: 'kill', uuid: legUuid, cause: 'NORMAL_CLEARING' });
  updateLeg(draft, legUuid, { cancelled: true, outcome: 'failed', cause: 'BRIDGE_TIMEOUT' });
  endForward(draft, { outcome: 'failed', note: 'the answered target was never bridged', fallback: true, hangupCause: 'BRIDGE_TIMEOUT' });
}

/** The caller's wait reached its bound (or a job failed for good): whatever is pending, the caller gets an end. */
export function giveUp(draft: Draft, note: string): void {
  const phase = draft.state.phase;
  if (phase === 'trying') {
    endForward(draft, { outcome: 'failed', note, fallback: true, hangupCause: null });
    return;
  }
  if (phase === 'ending') forgetLegs(draft, 'LEG_LOST');
}

/** An ending forward waited long enough for its cancelled legs' hangups: resolve their holds and finish. */
export function onLegsGone(draft: Draft): void {
  if (draft.state.phase !== 'ending') return;
  forgetLegs(draft, 'LEG_LOST');
}

function forgetLegs(draft: Draft, cause: string): void {
  for (const leg of draft.state.legs) {
    if (leg.status === 'ended') continue;
    // A leg still answered and alive is settled by its own hangup (the node's CDR); one never answered holds nothing more.
    if (leg.answeredAt !== null && leg.bridgedAt !== null) continue;
    emit(draft, { kind: 'void', account: leg.account, legUuid: leg.legUuid });
    updateLeg(draft, leg.legUuid, { status: 'ended', outcome: leg.outcome ?? 'failed', cause: leg.cause ?? cause, endedAt: draft.ctx.now });
  }
  finishIfQuiet(draft);
}
