import type { Config } from '../config/config-schema.js';
import { findAccount, findTariff } from '../config/config-lookup.js';
import { isE164 } from '../values/e164.js';
import type { SliceTerms } from './credit-slices.js';
import type { ForwardEffect } from './forward-effect.js';
import type { ForwardLeg, ForwardState } from './forward-state.js';

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

export function currentLeg(state: ForwardState): ForwardLeg | undefined {
  return state.legs[state.legs.length - 1];
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
export function legTerms(config: Config, state: ForwardState, leg: Pick<ForwardLeg, 'account' | 'tariff'>): SliceTerms | null {
  const account = findAccount(config, leg.account);
  const tariff = findTariff(config, leg.tariff);
  const target = state.plan?.target;
  if (account === undefined || tariff === undefined || target === undefined || !isE164(target)) return null;
  return { tariff, target, maxCallSeconds: account.maxCallSeconds, sliceSeconds: config.billing.sliceSeconds };
}

/** Legs the node may still hold: placed and not yet ended. */
export function liveLegs(state: ForwardState): ForwardLeg[] {
  return state.legs.filter((l) => l.status !== 'ended' && l.status !== 'holding');
}
