import { findAccount } from '../config/config-lookup.js';
import { decideRecording } from '../recording/decide-recording.js';
import { recordingPath } from '../recording/recording-path.js';
import { costOfSeconds } from './credit-slices.js';
import { emit, findLeg, isCurrent, legTerms, updateLeg, winningLeg, type Draft } from './forward-context.js';
import { endForward, finishIfQuiet, legFailed } from './forward-end.js';
import type { ForwardLeg } from './forward-state.js';
import { scheduleRenewal } from './forward-credit.js';

/** A leg callfwd no longer wants (the caller left, it lost, it timed out) showed life: end it (again). */
function unwanted(draft: Draft, leg: ForwardLeg): boolean {
  const state = draft.state;
  const alive = state.callerGoneAt === null && !leg.cancelled && leg.status !== 'ended';
  const winner = winningLeg(state);
  const wanted =
    alive &&
    ((isCurrent(state, leg) && (winner === undefined || winner.legUuid === leg.legUuid)) ||
      (state.phase === 'bridged' && leg.status === 'bridged'));
  if (wanted) return false;
  // Another leg of the step won the race: this one ends as FreeSWITCH ends a simultaneous originate's losers.
  emit(draft, { kind: 'kill', uuid: leg.legUuid, cause: winner !== undefined && winner.legUuid !== leg.legUuid ? 'LOSE_RACE' : 'ORIGINATOR_CANCEL' });
  if (!leg.cancelled) updateLeg(draft, leg.legUuid, { cancelled: true });
  return true;
}

/**
 * A leg won its step: every other leg still ringing (or holding credit) in the forward is
 * cancelled at once, with LOSE_RACE as FreeSWITCH names it; a held leg's credit is voided.
 */
function cancelOthers(draft: Draft, winner: ForwardLeg): void {
  for (const leg of draft.state.legs) {
    if (leg.legUuid === winner.legUuid || leg.status === 'ended' || leg.cancelled) continue;
    if (leg.status === 'holding') {
      emit(draft, { kind: 'void', account: leg.account, legUuid: leg.legUuid });
      updateLeg(draft, leg.legUuid, { status: 'ended', cancelled: true, outcome: 'no_answer', cause: 'LOSE_RACE', endedAt: draft.ctx.now });
      continue;
    }
    emit(draft, { kind: 'kill', uuid: leg.legUuid, cause: 'LOSE_RACE' });
    updateLeg(draft, leg.legUuid, { cancelled: true, outcome: leg.outcome ?? 'no_answer', cause: leg.cause ?? 'LOSE_RACE' });
  }
}

/**
 * The BACKGROUND_JOB of our originate: `-ERR <cause>` ends the leg; `+OK` only says it answered or
 * has early media, except on a confirm leg (rule 9), where `+OK` is the key pressed: it won.
 */
export function onOriginateResult(draft: Draft, legUuid: string, ok: boolean, cause: string | null): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.status === 'ended') return;
  if (ok) {
    if (leg.cancelled) emit(draft, { kind: 'kill', uuid: legUuid, cause: 'ORIGINATOR_CANCEL' });
    else if (leg.status === 'confirming' && leg.answeredAt !== null) win(draft, leg, leg.answeredAt);
    return;
  }
  if (leg.status === 'answered' || leg.status === 'bridged') return;
  if (leg.status === 'confirming') {
    // Answered but no key (a voicemail, a decline): not an answer for the caller. The carrier bills
    // the leg from its answer, so its hold stays for the charge its hangup brings.
    emit(draft, { kind: 'kill', uuid: legUuid, cause: 'NORMAL_CLEARING' });
    updateLeg(draft, legUuid, { cancelled: true });
    legFailed(draft, legUuid, cause ?? 'NO_ANSWER', { resolve: false, outcome: 'no_answer' });
    return;
  }
  legFailed(draft, legUuid, cause ?? 'NORMAL_TEMPORARY_FAILURE', { resolve: true });
}

/** Early media before the answer: the caller keeps ringback, unless the line passes it on (bridge now). */
export function onEarlyMedia(draft: Draft, legUuid: string): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || unwanted(draft, leg) || leg.status !== 'ringing') return;
  updateLeg(draft, legUuid, { status: 'early' });
  if (leg.earlyMedia === 'pass') sendBridge(draft, leg);
}

function sendBridge(draft: Draft, leg: ForwardLeg): void {
  if (leg.bridgeSent) return;
  updateLeg(draft, leg.legUuid, { bridgeSent: true });
  const at = draft.ctx.now + draft.ctx.config.worker.bridgeTimeoutSeconds * 1000;
  emit(
    draft,
    { kind: 'bridge', callUuid: draft.state.call.callUuid, legUuid: leg.legUuid },
    { kind: 'schedule', timer: 'bridge_timeout', legUuid: leg.legUuid, slice: 0, at },
  );
}

/**
 * The target answered (the leg's CHANNEL_ANSWER, never the originate's reply). A leg that asks for
 * a confirm now hears its prompt (FreeSWITCH plays it; the caller keeps ringback) and wins only
 * with the key. Any other leg wins the step at once.
 */
export function onAnswered(draft: Draft, legUuid: string, at: number): void {
  const found = findLeg(draft.state, legUuid);
  if (found === undefined || found.answeredAt !== null) return;
  const leg = updateLeg(draft, legUuid, { answeredAt: at });
  if (unwanted(draft, leg)) return;
  if (leg.confirm !== null && leg.status !== 'bridged') {
    updateLeg(draft, legUuid, { status: 'confirming' });
    return;
  }
  win(draft, leg, at);
}

/**
 * A leg won: the others are cancelled; bridge (if early media did not already), cap the call at
 * what the first slice covers, start the recording, and plan the next slice. The caller's billed
 * time starts at the leg's answer.
 */
function win(draft: Draft, found: ForwardLeg, at: number): void {
  const legUuid = found.legUuid;
  const leg = updateLeg(draft, legUuid, { status: found.status === 'bridged' ? 'bridged' : 'answered' });
  cancelOthers(draft, leg);
  sendBridge(draft, leg);
  const elapsed = Math.max(0, Math.floor((draft.ctx.now - at) / 1000));
  emit(draft, { kind: 'cap', legUuid, slice: 1, seconds: Math.max(1, leg.coveredSeconds - elapsed), replaces: null });
  const account = findAccount(draft.ctx.config, leg.account);
  if (account !== undefined && decideRecording(account).record && draft.state.recording === null) {
    const path = recordingPath(draft.ctx.config.recordings.directory, draft.state.call.callUuid);
    draft.state = { ...draft.state, recording: path };
    emit(draft, { kind: 'record', callUuid: draft.state.call.callUuid, path });
  }
  if (leg.status === 'bridged') emit(draft, { kind: 'track_bridged', legUuid, answeredAt: at });
  scheduleRenewal(draft, legUuid);
}

/** CHANNEL_BRIDGE: the caller and the leg talk (or hear its early media, on a `pass` line). */
export function onBridged(draft: Draft, legUuid: string, at: number): void {
  const found = findLeg(draft.state, legUuid);
  if (found === undefined || found.status === 'ended' || found.bridgedAt !== null) return;
  // The bridge happened, whatever came since: the two talked, and the record says so.
  const leg = updateLeg(draft, legUuid, { bridgedAt: at });
  if (unwanted(draft, leg)) return;
  updateLeg(draft, legUuid, { status: 'bridged' });
  draft.state = { ...draft.state, phase: 'bridged' };
  if (leg.answeredAt !== null) emit(draft, { kind: 'track_bridged', legUuid, answeredAt: leg.answeredAt });
}

/** uuid_bridge (or the pre-answer before it) was refused: end the leg; the caller gets the fallback. */
export function onBridgeFailed(draft: Draft, legUuid: string): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.status === 'ended' || leg.bridgedAt !== null || draft.state.phase !== 'trying') return;
  emit(draft, { kind: 'kill', uuid: legUuid, cause: 'NORMAL_CLEARING' });
  updateLeg(draft, legUuid, { cancelled: true, outcome: 'failed', cause: 'BRIDGE_FAILED' });
  endForward(draft, { outcome: 'failed', note: 'the bridge to the answered target was refused', fallback: true, hangupCause: 'BRIDGE_FAILED' });
}

export interface LegHangup {
  cause: string;
  billsec: number;
  answeredAt: number | null;
  endedAt: number;
  bridgedAt: number | null;
}

/**
 * A leg hung up. An answered leg is charged once for its billed seconds (never beyond what its
 * holds covered); any other leg's hold is voided. The bridged leg's end ends the forward; an
 * unanswered current leg fails over or ends it; any other leg only lets an ending forward finish.
 */
export function onLegHungUp(draft: Draft, legUuid: string, hup: LegHangup): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.billsec !== null) return;
  const answeredAt = leg.answeredAt ?? hup.answeredAt;
  const wasCurrent = isCurrent(draft.state, leg);
  if (answeredAt === null) {
    updateLeg(draft, legUuid, { billsec: 0, cost: 0, endedAt: hup.endedAt });
    if (wasCurrent && !leg.cancelled) {
      legFailed(draft, legUuid, hup.cause, { resolve: true });
      return;
    }
    emit(draft, { kind: 'void', account: leg.account, legUuid });
    updateLeg(draft, legUuid, { status: 'ended', outcome: leg.outcome ?? (draft.state.callerGoneAt !== null ? 'caller_hung_up' : 'failed'), cause: leg.cause ?? hup.cause });
    finishIfQuiet(draft);
    return;
  }
  const terms = legTerms(draft.ctx.config, draft.state, leg);
  const billsec = leg.coveredSeconds > 0 ? Math.min(hup.billsec, leg.coveredSeconds) : hup.billsec;
  const cost = terms === null ? 0 : (costOfSeconds(terms, billsec) ?? 0);
  emit(draft, { kind: 'post', account: leg.account, legUuid, cost, at: hup.endedAt, billsec, callUuid: draft.state.call.callUuid });
  // The node says whether it bridged the leg, even when its CHANNEL_BRIDGE job has not been handled yet.
  const bridgedAt = leg.bridgedAt ?? hup.bridgedAt;
  const bridged = bridgedAt !== null;
  if (bridged) emit(draft, { kind: 'untrack_bridged', legUuid });
  if (!bridged && wasCurrent && !leg.cancelled && leg.status === 'confirming') {
    // Answered, hung up before the key (a voicemail's greeting ended, or a decline): charged as the
    // carrier bills it, and for the caller no answer; the forward moves on.
    updateLeg(draft, legUuid, { answeredAt, endedAt: hup.endedAt, billsec, cost });
    legFailed(draft, legUuid, hup.cause, { resolve: false, outcome: 'no_answer' });
    return;
  }
  updateLeg(draft, legUuid, {
    status: 'ended',
    answeredAt,
    bridgedAt,
    endedAt: hup.endedAt,
    billsec,
    cost,
    outcome: bridged ? 'answered' : (leg.outcome ?? 'failed'),
    cause: bridged ? hup.cause : (leg.cause ?? hup.cause),
  });
  if (bridged && (draft.state.phase === 'bridged' || wasCurrent)) {
    endForward(draft, { outcome: 'answered', note: null, fallback: false, hangupCause: hup.cause });
    return;
  }
  if (wasCurrent && !leg.cancelled) {
    // Answered, then gone before the bridge: the caller is still parked and gets the fallback; the
    // target is not rung again through another line.
    endForward(draft, { outcome: 'failed', note: 'the target answered and hung up before the bridge', fallback: true, hangupCause: hup.cause });
    return;
  }
  finishIfQuiet(draft);
}

/** The caller hung up: a ringing leg is cancelled at once; a bridged one is ended with it. */
export function onCallerHungUp(draft: Draft, cause: string, at: number): void {
  const state = draft.state;
  if (state.callerGoneAt !== null) return;
  draft.state = { ...state, callerGoneAt: at };
  if (state.phase === 'bridged') {
    const leg = state.legs.find((l) => l.status === 'bridged');
    if (leg !== undefined) emit(draft, { kind: 'kill', uuid: leg.legUuid, cause: 'NORMAL_CLEARING' });
    return;
  }
  if (state.phase === 'trying') {
    endForward(draft, { outcome: 'caller_hung_up', note: 'the caller hung up before the target answered', fallback: false, hangupCause: cause });
    return;
  }
  finishIfQuiet(draft);
}
