import type { Config } from '../config/config-schema.js';
import { findAccount, findTariff } from '../config/config-lookup.js';
import { isE164 } from '../values/e164.js';
import type { SliceTerms } from './credit-slices.js';
import type { ForwardEffect } from './forward-effect.js';
import type { ForwardLeg, ForwardPlan, ForwardState, PlannedStep } from './forward-state.js';

/** What a step may read besides the state and the event: settings, the clock, fresh ids. */
export interface ForwardContext {
  readonly config: Config;
  /** Run-time forward-via changes: connection id -> line id. */
  readonly overrides: Readonly<Record<string, string>>;
  /** ms since the epoch. */
  readonly now: number;
  /** Fresh UUIDs for the legs a step places (two per leg); the step records the ones it uses. */
  readonly freshIds: readonly string[];
}

/** What one step returns: the next state (null: nothing to keep) and the effects to run. */
export interface ForwardStep {
  readonly state: ForwardState | null;
  readonly effects: readonly ForwardEffect[];
  /** Set when the event changed nothing, with why (for logs and tests). */
  readonly ignored?: string;
}

/** A step's working copy: the state so far, effects so far, and the ids not yet used. */
export interface Draft {
  state: ForwardState;
  effects: ForwardEffect[];
  ctx: ForwardContext;
  idCursor: number;
}

export function takeId(draft: Draft): string {
  const id = draft.ctx.freshIds[draft.idCursor];
  if (id === undefined) throw new Error('stepForward: ran out of fresh ids (pass at least 8)');
  draft.idCursor += 1;
  return id;
}

export function emit(draft: Draft, ...effects: ForwardEffect[]): void {
  draft.effects.push(...effects);
}

/**
 * The plan's steps. A plan written before follow-me has none: its one target and route are one
 * step that rings for the worker's originate timeout.
 */
export function planSteps(plan: ForwardPlan, config: Pick<Config, 'worker'>): readonly PlannedStep[] {
  if (plan.steps.length > 0) return plan.steps;
  return [{ ringSeconds: config.worker.originateTimeoutSeconds, targets: [{ number: plan.target, confirm: null, route: plan.route }] }];
}

/** The last leg placed for one target of one step (the line being tried for it now). */
export function slotLeg(state: ForwardState, step: number, slot: number): ForwardLeg | undefined {
  let found: ForwardLeg | undefined;
  for (const leg of state.legs) if (leg.step === step && leg.slot === slot) found = leg;
  return found;
}

/**
 * A leg the forward is waiting on: the forward is trying, the leg belongs to the step ringing now,
 * it is the line tried now for its target, and it has not ended.
 */
export function isCurrent(state: ForwardState, leg: ForwardLeg): boolean {
  return state.phase === 'trying' && leg.step === state.step && leg.status !== 'ended' && slotLeg(state, leg.step, leg.slot)?.legUuid === leg.legUuid;
}

/** The leg that won the step (answered, and confirmed where asked), if any: the one to bridge. */
export function winningLeg(state: ForwardState): ForwardLeg | undefined {
  return state.legs.find((l) => (l.status === 'answered' || l.status === 'bridged') && !l.cancelled);
}

/** The number a leg rings (documents from before follow-me keep it in the plan). */
export function legTarget(state: ForwardState, leg: Pick<ForwardLeg, 'target'>): string {
  return leg.target !== '' ? leg.target : (state.plan?.target ?? '');
}

export function findLeg(state: ForwardState, legUuid: string): ForwardLeg | undefined {
  return state.legs.find((l) => l.legUuid === legUuid);
}

/** Replaces one leg (by uuid) with a changed copy. */
export function updateLeg(draft: Draft, legUuid: string, change: Partial<ForwardLeg>): ForwardLeg {
  let updated: ForwardLeg | undefined;
  draft.state = {
    ...draft.state,
    legs: draft.state.legs.map((l) => {
      if (l.legUuid !== legUuid) return l;
      updated = { ...l, ...change };
      return updated;
    }),
  };
  if (updated === undefined) throw new Error(`stepForward: no leg ${legUuid}`);
  return updated;
}

/** The billing terms of a leg (its account's tariff and cap, the target), or null if the config lost them. */
export function legTerms(config: Config, state: ForwardState, leg: Pick<ForwardLeg, 'account' | 'tariff' | 'target'>): SliceTerms | null {
  const account = findAccount(config, leg.account);
  const tariff = findTariff(config, leg.tariff);
  const target = legTarget(state, leg);
  if (account === undefined || tariff === undefined || !isE164(target)) return null;
  return { tariff, target, maxCallSeconds: account.maxCallSeconds, sliceSeconds: config.billing.sliceSeconds };
}

/** Legs the node may still hold: placed and not yet ended. */
export function liveLegs(state: ForwardState): ForwardLeg[] {
  return state.legs.filter((l) => l.status !== 'ended' && l.status !== 'holding');
}
