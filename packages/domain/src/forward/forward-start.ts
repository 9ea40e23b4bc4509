import { chooseCallerId } from '../caller-id/choose-caller-id.js';
import { findAccount, findLine, findTariff } from '../config/config-lookup.js';
import { decideForward } from '../forwarding/decide-forward.js';
import { employeeSteps } from '../forwarding/employee-steps.js';
import type { Trigger } from '../forwarding/trigger.js';
import { checkDestination } from '../limits/check-destination.js';
import { chooseForwardRoute } from '../routing/choose-forward-route.js';
import { firstSlice, secondsCovered } from './credit-slices.js';
import { emit, findLeg, legTerms, planSteps, takeId, updateLeg, type Draft } from './forward-context.js';
import { endForward, legFailed } from './forward-end.js';
import type { ForwardCall } from './forward-call.js';
import type { ForwardLeg, ForwardState, PlannedLine, PlannedStep } from './forward-state.js';
import { callerWaitBoundMs, legRingTimeoutMs } from './forward-bounds.js';

/** A fresh state for a parked call, before anything is decided. */
export function newForwardState(call: ForwardCall): ForwardState {
  return {
    v: 2,
    call,
    phase: 'trying',
    plan: null,
    step: 0,
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

/**
 * Parked: the loop guard, whether and how to forward (rules 1, 3, 7, 10), the follow-me steps
 * (rule 8) with each target's lines and the destinations its accounts allow (rule 11), then the
 * first step.
 */
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
    now: ctx.now,
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
  const employee = decision.employee;
  const refusals: string[] = [];
  let routeProblem: string | null = null;
  const steps: PlannedStep[] = [];
  for (const step of employeeSteps(employee, ctx.config.worker)) {
    const targets = [];
    for (const target of step.targets) {
      const route = chooseForwardRoute({ config: ctx.config, connection: call.connection, target: target.number, overrides: ctx.overrides });
      if (!route.ok) {
        routeProblem ??= `${route.reason}: ${route.detail}`;
        continue;
      }
      const lines: PlannedLine[] = [];
      for (const a of route.attempts) {
        const allowed = checkDestination(a.account, target.number);
        if (!allowed.ok) {
          refusals.push(allowed.detail);
          continue;
        }
        lines.push({ line: a.line.id, account: a.account.id, tariff: a.tariff.id, dialString: a.dialString, viaReason: a.viaReason });
      }
      if (lines.length > 0) targets.push({ number: target.number, confirm: target.confirm, route: lines });
    }
    if (targets.length > 0) steps.push({ ringSeconds: step.ringSeconds, targets });
  }
  const first = steps[0]?.targets[0];
  draft.state = {
    ...state,
    plan: {
      employee: employee.id,
      target: first?.number ?? employee.target,
      trigger: decision.trigger,
      route: first?.route ?? [],
      steps,
    },
  };
  if (first === undefined) {
    if (refusals.length > 0) {
      endForward(draft, { outcome: 'destination_not_allowed', note: refusals.join('; ').slice(0, 1024), fallback: true });
    } else {
      endForward(draft, { outcome: 'not_forwarded', note: routeProblem ?? 'no line to forward through', fallback: true });
    }
    return;
  }
  emit(draft, { kind: 'schedule', timer: 'deadline', legUuid: null, slice: 0, at: call.parkedAt + callerWaitBoundMs(ctx.config, steps) });
  startStep(draft, 0);
}

/** A follow-me step: every target of it rings at once, each through the first line of its route. */
export function startStep(draft: Draft, step: number): void {
  const plan = draft.state.plan;
  const planned = plan === null ? undefined : planSteps(plan, draft.ctx.config)[step];
  if (planned === undefined) throw new Error(`stepForward: no step ${step}`);
  draft.state = { ...draft.state, step };
  planned.targets.forEach((_target, slot) => {
    // A target whose first line already ended the forward (the caller left meanwhile) stops the rest.
    if (draft.state.phase === 'trying' && draft.state.step === step) startAttempt(draft, step, slot, 0);
  });
}

/**
 * One line for one target of a step: fix the leg's ids and caller ID in the state, then hold its
 * first credit slice. The originate follows the hold (credit_held); nothing is placed before the
 * money is held.
 */
export function startAttempt(draft: Draft, step: number, slot: number, index: number): void {
  const { ctx } = draft;
  const plan = draft.state.plan;
  const plannedStep = plan === null ? undefined : planSteps(plan, ctx.config)[step];
  const target = plannedStep?.targets[slot];
  const planned = target?.route[index];
  if (plan === null || plannedStep === undefined || target === undefined || planned === undefined) {
    throw new Error(`stepForward: no line ${index} for target ${slot} of step ${step}`);
  }
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
    step,
    slot,
    attempt: index,
    target: target.number,
    confirm: target.confirm,
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
    // Early media can reach the caller only from a step's one target (a caller hears one far end).
    earlyMedia: plannedStep.targets.length === 1 && target.confirm === null ? (line?.earlyMedia ?? 'ringback') : 'ringback',
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
    warnAt: null,
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
  const ringMs = legRingTimeoutMs(plannedStep.ringSeconds, target.confirm);
  const expiresAt = ctx.now + ringMs + (ctx.config.worker.bridgeTimeoutSeconds + slice.seconds + ctx.config.billing.holdGraceSeconds) * 1000;
  const limit = account.limits?.maxConcurrentForwards;
  // The slot lasts as long as the longest call could (its forward gives it back at its end).
  const slotExpiresAt = ctx.now + ringMs + (ctx.config.worker.bridgeTimeoutSeconds + account.maxCallSeconds + ctx.config.billing.holdGraceSeconds) * 1000;
  const forwardSlot = limit === undefined ? null : { callUuid: draft.state.call.callUuid, limit, expiresAt: slotExpiresAt };
  emit(
    draft,
    { kind: 'hold', account: account.id, legUuid: leg.legUuid, amount: slice.amount, minAmount: slice.minAmount, expiresAt, slot: forwardSlot },
    { kind: 'schedule', timer: 'ring_timeout', legUuid: leg.legUuid, slice: 0, at: ctx.now + ringMs },
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
  const ringSeconds = (plan === null ? undefined : planSteps(plan, ctx.config)[leg.step])?.ringSeconds ?? ctx.config.worker.originateTimeoutSeconds;
  const variables: Record<string, string> = {
    origination_caller_id_number: leg.callerIdNumber,
    origination_caller_id_name: leg.callerIdName,
    originate_timeout: String(ringSeconds),
    callfwd_parent: state.call.callUuid,
    callfwd_leg: legUuid,
    callfwd_forwarded: 'true',
    callfwd_line: leg.line,
    callfwd_trigger: plan?.trigger ?? '',
    'sip_h_X-Callfwd-Forwarded': 'true',
  };
  if (leg.diversion !== null) variables.sip_h_Diversion = leg.diversion;
  if (leg.confirm !== null) {
    // Rule 9 with FreeSWITCH's own confirm: the leg rings `ringSeconds` (leg_timeout, lifted once it
    // answers), then has the confirm timeout to take the key; the originate answers +OK only on
    // the key (its BACKGROUND_JOB), -ERR otherwise. ignore_early_media: the prompt waits for the
    // answer (during early media a voicemail's greeting could take the key).
    Object.assign(variables, {
      originate_timeout: String(ringSeconds + leg.confirm.timeoutSeconds),
      leg_timeout: String(ringSeconds),
      group_confirm_key: leg.confirm.key,
      group_confirm_file: leg.confirm.prompt,
      group_confirm_read_timeout: String(leg.confirm.timeoutSeconds * 1000),
      group_confirm_cancel_timeout: 'true',
      ignore_early_media: 'true',
    });
  }
  emit(draft, { kind: 'originate', legUuid, jobUuid: leg.jobUuid, dialString: leg.dialString, variables });
}

/**
 * Not even the first increment could be held on this line's account, or (rule 11) every one of its
 * concurrent-forward slots is taken: the next line (another account may pay), or the fallback.
 */
export function onCreditRefused(draft: Draft, legUuid: string, limit: boolean): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.status !== 'holding') return;
  if (limit) {
    legFailed(draft, legUuid, 'LIMIT_REACHED', { resolve: false, outcome: 'limit_reached', failover: true });
    return;
  }
  legFailed(draft, legUuid, 'INSUFFICIENT_CREDIT', { resolve: false, outcome: 'insufficient_credit' });
}
