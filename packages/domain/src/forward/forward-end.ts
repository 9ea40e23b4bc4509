import { findAccount } from '../config/config-lookup.js';
import type { Outcome } from '../records/outcome.js';
import { planFallback } from '../routing/plan-fallback.js';
import { buildForwardRecord } from './build-forward-record.js';
import { classifyHangupCause, failsOver } from './classify-hangup-cause.js';
import { emit, findLeg, isCurrent, legTarget, planSteps, slotLeg, updateLeg, type Draft } from './forward-context.js';
import { LEGS_GONE_MS } from './forward-bounds.js';
import { startAttempt, startStep } from './forward-start.js';

export interface LegFailure {
  /** Void the leg's hold now (false when it holds nothing, or the caller voids it). */
  resolve: boolean;
  /** The outcome, when the cause alone does not tell it. */
  outcome?: Outcome;
  /** Try the next line whatever the outcome says (a line the config lost). */
  failover?: boolean;
}

/**
 * A leg that will not be bridged has ended: record why, resolve its hold, and either try its
 * target's next line (a failed route, rule 7), or let the step's other targets ring on, or move to
 * the next step (rule 8), or end the forward (the last step's targets all said no: busy, no
 * answer, rejected; or the caller left).
 */
export function legFailed(draft: Draft, legUuid: string, cause: string, failure: LegFailure): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined) return;
  const wasCurrent = isCurrent(draft.state, leg);
  const callerGone = draft.state.callerGoneAt !== null;
  const outcome: Outcome = callerGone ? 'caller_hung_up' : (failure.outcome ?? classifyHangupCause(cause).outcome);
  updateLeg(draft, legUuid, {
    status: 'ended',
    outcome: leg.outcome ?? outcome,
    cause: leg.cause ?? cause,
    endedAt: leg.endedAt ?? draft.ctx.now,
  });
  if (failure.resolve) emit(draft, { kind: 'void', account: leg.account, legUuid });
  const state = draft.state;
  if (!wasCurrent || state.plan === null) {
    finishIfQuiet(draft);
    return;
  }
  const steps = planSteps(state.plan, draft.ctx.config);
  const route = steps[leg.step]?.targets[leg.slot]?.route ?? [];
  const next = leg.attempt + 1;
  if (!callerGone && next < route.length && (failure.failover === true || failsOver(outcome))) {
    startAttempt(draft, leg.step, leg.slot, next);
    return;
  }
  // This target is done with; the step goes on while another of its targets rings.
  if (stepRinging(draft)) return;
  if (!callerGone && leg.step + 1 < steps.length) {
    startStep(draft, leg.step + 1);
    return;
  }
  endForward(draft, {
    outcome: overallOutcome(draft, outcome),
    note: callerGone ? 'the caller hung up before the target answered' : describeAttempts(draft),
    fallback: !callerGone,
    hangupCause: cause,
  });
}

/** Some target of the step ringing now is still being tried. */
function stepRinging(draft: Draft): boolean {
  const state = draft.state;
  if (state.plan === null) return false;
  const step = planSteps(state.plan, draft.ctx.config)[state.step];
  return (step?.targets ?? []).some((_t, slot) => {
    const leg = slotLeg(state, state.step, slot);
    return leg !== undefined && leg.status !== 'ended';
  });
}

export interface ForwardEnd {
  outcome: Outcome;
  note: string | null;
  /** Send the caller to the fallback (never dead air), if still there. */
  fallback: boolean;
  hangupCause?: string | null;
}

/**
 * The forward ends without a bridge (or its bridge is over): the outcome is fixed, the caller gets
 * the fallback, legs still ringing are cancelled. The record is written once every leg has ended.
 */
export function endForward(draft: Draft, end: ForwardEnd): void {
  const state = draft.state;
  if (state.phase === 'done') return;
  draft.state = {
    ...state,
    phase: 'ending',
    outcome: state.outcome ?? end.outcome,
    note: state.outcome === null ? end.note : state.note,
    hangupCause: state.hangupCause ?? end.hangupCause ?? null,
  };
  if (end.fallback && state.callerGoneAt === null && !state.fallbackSent) {
    emit(draft, { kind: 'fallback', callUuid: state.call.callUuid, plan: planFallback(draft.ctx.config, state.call.connection) });
    draft.state = { ...draft.state, fallbackSent: true };
  }
  for (const leg of draft.state.legs) {
    if (leg.status === 'ended') continue;
    if (leg.status === 'holding') {
      // Its hold may still be on its way: void it now, and again when credit_held comes.
      emit(draft, { kind: 'void', account: leg.account, legUuid: leg.legUuid });
      updateLeg(draft, leg.legUuid, { status: 'ended', cancelled: true, outcome: leg.outcome ?? draft.state.outcome, endedAt: draft.ctx.now });
      continue;
    }
    if (!leg.cancelled) {
      emit(draft, { kind: 'kill', uuid: leg.legUuid, cause: 'ORIGINATOR_CANCEL' });
      updateLeg(draft, leg.legUuid, { cancelled: true });
    }
  }
  if (draft.state.legs.some((l) => l.status !== 'ended')) {
    emit(draft, { kind: 'schedule', timer: 'legs_gone', legUuid: null, slice: 0, at: draft.ctx.now + LEGS_GONE_MS });
  }
  finishIfQuiet(draft);
}

/** Once the outcome is fixed and every leg has ended (its hold resolved), write the record: done. */
export function finishIfQuiet(draft: Draft): void {
  const state = draft.state;
  if (state.phase !== 'ending' || state.legs.some((l) => l.status !== 'ended')) return;
  draft.state = { ...state, phase: 'done' };
  releaseSlots(draft);
  if (state.silent || state.recordWritten) return;
  const record = buildForwardRecord(draft.ctx.config, draft.state, draft.ctx.now);
  emit(draft, { kind: 'write_record', record });
  const bridged = state.legs.find((l) => l.bridgedAt !== null && l.answeredAt !== null);
  if (state.recording !== null && bridged !== undefined && record.outcome === 'answered') {
    const account = findAccount(draft.ctx.config, bridged.account);
    if (account !== undefined) {
      emit(draft, {
        kind: 'list_recording',
        callUuid: state.call.callUuid,
        file: state.recording,
        account: account.id,
        startedAt: bridged.answeredAt ?? state.call.parkedAt,
        seconds: bridged.billsec ?? 0,
      });
    }
  }
  draft.state = { ...draft.state, recordWritten: true };
}

/** Rule 11: the forward is over: each limited account it held credit on gets its slot back. */
function releaseSlots(draft: Draft): void {
  const accounts = new Set(draft.state.legs.map((l) => l.account));
  for (const id of accounts) {
    if (findAccount(draft.ctx.config, id)?.limits?.maxConcurrentForwards === undefined) continue;
    emit(draft, { kind: 'release_slot', account: id, callUuid: draft.state.call.callUuid });
  }
}

/**
 * Insufficient credit on every line is `insufficient_credit`, the concurrent-forward limit on every
 * line `limit_reached`; otherwise the last leg's outcome.
 */
function overallOutcome(draft: Draft, last: Outcome): Outcome {
  const legs = draft.state.legs;
  if (legs.length > 0 && legs.every((l) => l.outcome === 'insufficient_credit')) return 'insufficient_credit';
  if (legs.length > 0 && legs.every((l) => l.outcome === 'limit_reached')) return 'limit_reached';
  return last;
}

function describeAttempts(draft: Draft): string {
  const state = draft.state;
  const many = new Set(state.legs.map((l) => legTarget(state, l))).size > 1;
  const tried = state.legs.map((l) => `${many ? `${legTarget(state, l)} ` : ''}${l.line}: ${l.outcome ?? 'failed'}${l.cause ? ` (${l.cause})` : ''}`);
  if (tried.length === 0) return 'no line to forward through';
  const head = many ? 'no target answered' : tried.length > 1 ? 'every line failed' : 'not answered';
  return `${head}: ${tried.join('; ')}`.slice(0, 1024);
}
