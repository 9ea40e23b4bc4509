import { chooseCallerId } from '../caller-id/choose-caller-id.js';
import { findAccount, findLine, findTariff } from '../config/config-lookup.js';
import { decideForward } from '../forwarding/decide-forward.js';
import type { Trigger } from '../forwarding/trigger.js';
import { chooseForwardRoute } from '../routing/choose-forward-route.js';
import { firstSlice, secondsCovered } from './credit-slices.js';
import { emit, findLeg, legTerms, takeId, updateLeg, type Draft } from './forward-context.js';
import { endForward, legFailed } from './forward-end.js';
import type { ForwardCall } from './forward-call.js';
import type { ForwardLeg, ForwardState } from './forward-state.js';
import { callerWaitBoundMs, ringTimeoutMs } from './forward-bounds.js';

/** A fresh state for a parked call, before anything is decided. */
export function newForwardState(call: ForwardCall): ForwardState {
  return {
    v: 2,
    call,
    phase: 'trying',
    plan: null,
    legs: [],
    callerGoneAt: null,
    fallbackSent: false,
    outcome: null,
    note: null,
    hangupCause: null,
    recording: null,
    silent: false,
    recordWritten: false,
    seen: [],
  };
}

/** Parked: the loop guard, whether and how to forward (rules 1, 3, 7), then the first line. */
export function onParked(draft: Draft): void {
  const { state, ctx } = draft;
  const call = state.call;
  const decision = decideForward({
    config: ctx.config,
    connection: call.connection,
    dialled: call.dialled,
    disposition: call.disposition ?? undefined,
    isForwardLeg: call.isForwardLeg,
    alreadyForwarded: false,
  });
  if (!decision.forward) {
    if (decision.reason === 'loop_guard_forward_leg' || decision.reason === 'loop_guard_already_forwarded') {
      // Our own forward leg came back: it is not a call of its own, and gets no record.
      draft.state = { ...state, phase: 'done', silent: true, outcome: 'not_forwarded', note: decision.reason };
      return;
    }
    endForward(draft, { outcome: 'not_forwarded', note: `${decision.reason}: ${decision.detail}`, fallback: true });
    return;
  }
  const target = decision.employee.target;
  draft.state = {
    ...state,
    plan: { employee: decision.employee.id, target, trigger: decision.trigger, route: [] },
  };
  const route = chooseForwardRoute({ config: ctx.config, connection: call.connection, target, overrides: ctx.overrides });
  if (!route.ok) {
    endForward(draft, { outcome: 'not_forwarded', note: `${route.reason}: ${route.detail}`, fallback: true });
    return;
  }
  draft.state = {
    ...draft.state,
    plan: {
      employee: decision.employee.id,
      target,
      trigger: decision.trigger,
      route: route.attempts.map((a) => ({
        line: a.line.id,
        account: a.account.id,
        tariff: a.tariff.id,
        dialString: a.dialString,
        viaReason: a.viaReason,
      })),
    },
  };
  emit(draft, { kind: 'schedule', timer: 'deadline', legUuid: null, slice: 0, at: call.parkedAt + callerWaitBoundMs(ctx.config, route.attempts.length) });
  startAttempt(draft, 0);
}

/**
 * One line of the route: fix the leg's ids and caller ID in the state, then hold its first credit
 * slice. The originate follows the hold (credit_held); nothing is placed before the money is held.
 */
export function startAttempt(draft: Draft, index: number): void {
  const { ctx } = draft;
  const plan = draft.state.plan;
  const planned = plan?.route[index];
  if (plan === null || planned === undefined) throw new Error(`stepForward: no route attempt ${index}`);
  const line = findLine(ctx.config, planned.line);
  const account = findAccount(ctx.config, planned.account);
  const tariff = findTariff(ctx.config, planned.tariff);
  const callerId =
    line === undefined
      ? null
      : chooseCallerId({
          line,
          dialled: draft.state.call.dialled,
          caller: { number: draft.state.call.callerNumber, name: draft.state.call.callerName },
          trigger: plan.trigger as Trigger,
        });
  const leg: ForwardLeg = {
    attempt: index,
    line: planned.line,
    account: planned.account,
    tariff: planned.tariff,
    dialString: planned.dialString,
    viaReason: planned.viaReason,
    legUuid: takeId(draft),
    jobUuid: takeId(draft),
    callerIdNumber: callerId?.number ?? '',
    callerIdName: callerId?.name ?? '',
    callerIdReason: callerId?.explanation ?? '',
    diversion: callerId?.diversion ? `<tel:+${callerId.diversion.number}>;reason=${callerId.diversion.reason};counter=1` : null,
    earlyMedia: line?.earlyMedia ?? 'ringback',
    status: 'holding',
    held: 0,
    coveredSeconds: 0,
    slices: 0,
    originatedAt: null,
    bridgeSent: false,
    answeredAt: null,
    bridgedAt: null,
    endedAt: null,
    billsec: null,
    cost: null,
    cancelled: false,
    outcome: null,
    cause: null,
  };
  draft.state = { ...draft.state, legs: [...draft.state.legs, leg] };
  const terms = legTerms(ctx.config, draft.state, leg);
  if (line === undefined || account === undefined || tariff === undefined || terms === null) {
    legFailed(draft, leg.legUuid, 'CONFIG_CHANGED', { resolve: false, outcome: 'failed', failover: true });
    return;
  }
  const slice = firstSlice(terms);
  if (!slice.ok) {
    legFailed(draft, leg.legUuid, 'NO_RATE', { resolve: false, outcome: 'failed', failover: true });
    return;
  }
  const { originateTimeoutSeconds, bridgeTimeoutSeconds } = ctx.config.worker;
  const expiresAt =
    ctx.now + (originateTimeoutSeconds + bridgeTimeoutSeconds + slice.seconds + ctx.config.billing.holdGraceSeconds) * 1000;
  emit(
    draft,
    { kind: 'hold', account: account.id, legUuid: leg.legUuid, amount: slice.amount, minAmount: slice.minAmount, expiresAt },
    { kind: 'schedule', timer: 'ring_timeout', legUuid: leg.legUuid, slice: 0, at: ctx.now + ringTimeoutMs(ctx.config) },
  );
}

/** The first slice is held: place the call (at most once), unless the forward moved on meanwhile. */
export function onCreditHeld(draft: Draft, legUuid: string, held: number): void {
  const { state, ctx } = draft;
  const leg = findLeg(state, legUuid);
  if (leg === undefined) return;
  if (leg.status !== 'holding' || state.phase !== 'trying' || state.callerGoneAt !== null) {
    // The caller left, or a timer gave up on this leg, while its credit was being held.
    emit(draft, { kind: 'void', account: leg.account, legUuid });
    if (leg.status === 'holding') legFailed(draft, legUuid, 'ORIGINATOR_CANCEL', { resolve: false });
    return;
  }
  const terms = legTerms(ctx.config, state, leg);
  const slice = terms === null ? null : firstSlice(terms);
  const covered = terms === null || slice === null || !slice.ok ? 0 : secondsCovered(terms, held, slice.seconds);
  if (covered === 0) {
    emit(draft, { kind: 'void', account: leg.account, legUuid });
    legFailed(draft, legUuid, 'INSUFFICIENT_CREDIT', { resolve: false, outcome: 'insufficient_credit' });
    return;
  }
  updateLeg(draft, legUuid, { status: 'ringing', held, coveredSeconds: covered, slices: 1, originatedAt: ctx.now });
  const plan = state.plan;
  const variables: Record<string, string> = {
    origination_caller_id_number: leg.callerIdNumber,
    origination_caller_id_name: leg.callerIdName,
    originate_timeout: String(ctx.config.worker.originateTimeoutSeconds),
    callfwd_parent: state.call.callUuid,
    callfwd_leg: legUuid,
    callfwd_forwarded: 'true',
    callfwd_line: leg.line,
    callfwd_trigger: plan?.trigger ?? '',
    'sip_h_X-Callfwd-Forwarded': 'true',
  };
  if (leg.diversion !== null) variables.sip_h_Diversion = leg.diversion;
  emit(draft, { kind: 'originate', legUuid, jobUuid: leg.jobUuid, dialString: leg.dialString, variables });
}

/** Not even the first increment could be held on this line's account. */
export function onCreditRefused(draft: Draft, legUuid: string): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.status !== 'holding') return;
  legFailed(draft, legUuid, 'INSUFFICIENT_CREDIT', { resolve: false, outcome: 'insufficient_credit' });
}
