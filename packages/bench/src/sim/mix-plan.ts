import type { FarEndScript, PlaceCallInput, Random } from '@callfwd/fs-sim';
import { createSeededRandom } from '@callfwd/fs-sim';
import type { ConfigInput } from '@callfwd/domain';
import { TARGET_DIGITS } from '../run/bench-config.js';

export type MixName = 'realistic' | 'fast';
export const MIX_NAMES_ALL: readonly MixName[] = ['realistic', 'fast'];

/** One kind of call of a mix: how often, and the call itself (drawn per call from the run's seeded RNG). */
export interface MixEntry {
  readonly name: string;
  readonly weight: number;
  draw(random: Random): Omit<PlaceCallInput, 'uuid'>;
}

/**
 * Everything a mix needs on both sides: the calls (simulator), the far ends of the targets
 * (simulator), the employees (callfwd's config), and the gateways that are down. Built from the
 * mix options alone, so the bench process and every simulator process build the same plan.
 */
export interface MixPlan {
  readonly name: MixName;
  readonly entries: readonly MixEntry[];
  readonly farEnds: Readonly<Record<string, FarEndScript>>;
  readonly employees: NonNullable<ConfigInput['employees']>;
  readonly gatewaysDown: readonly string[];
  /** Sim ms from a call's arrival to the end of its longest possible forward (ring + talk): the settle deadline. */
  readonly longestCallMs: number;
}

export interface MixOptions {
  readonly mix: MixName;
  /** Fast mix only: ms the answered targets ring (default 300). */
  readonly ringMs: number;
  /** Fast mix only: CALLFWD_BENCH_MIX weights, in the fast mix's entry order. */
  readonly weights?: readonly number[];
}

export const REALISTIC = {
  ringMs: { min: 2_000, max: 20_000 },
  talkMs: { min: 5_000, max: 60_000 },
  /** Callers who give up do so this long after the call arrived. */
  giveUpMs: { min: 2_000, max: 15_000 },
  /** Answering employees (each with a target whose ring and talk are drawn once from the plan seed). */
  answeringEmployees: 200,
  /** Follow-me: step 1 rings a phone nobody picks up for this long; step 2 rings two at once. */
  followMeFirstStepSeconds: 8,
  followMeSecondStepSeconds: 25,
  /** Every draw of the plan (targets' ring and talk) comes from this seed; the calls from the run's. */
  planSeed: 7,
  /** The shipped worker.originateTimeoutSeconds: a target that never answers rings this long. */
  shippedOriginateTimeoutMs: 30_000,
} as const;

export const FAST = { ringMs: 300, talkMs: 2_000, giveUpMs: 1_500 } as const;

const caller = { callerNumber: '48221234567', callerName: 'Bench Caller', context: 'public' } as const;

/** A whole number of ms in [min, max], uniformly. */
export function drawMs(random: Random, range: { readonly min: number; readonly max: number }): number {
  return range.min + Math.floor(random() * (range.max - range.min + 1));
}

/** The extension of the i-th answering employee (pbx-b, 11 digits). */
const answeringExtension = (i: number): string => `4822112${String(1000 + i).padStart(4, '0')}`;
const answeringTarget = (i: number): string => `486011${String(i).padStart(5, '0')}`;

const FOLLOW_ME_TARGETS = { nobody: '48601200001', busyDesk: '48601200002', mobile: '48601200003' } as const;

export function buildMixPlan(options: MixOptions): MixPlan {
  return options.mix === 'fast' ? fastPlan(options) : realisticPlan();
}

/**
 * The default mix. Weights: 55 answered (ring 2-20 s, talk 5-60 s, over 200 employees), 10 the
 * caller hangs up while it rings (after 2-15 s), 8 busy (the fallback), 7 no answer (rings for the
 * shipped 30 s originate timeout, then the fallback), 7 route down (pbx-g forwards via pbx-f whose
 * gateway is down: fails over to main, where the target answers), 5 insufficient credit, 8 follow-me
 * (step 1 nobody answers for 8 s; step 2 a busy desk phone and a mobile ring at once, the mobile
 * answers). No worker setting is tuned: the config leaves worker.* at the shipped defaults.
 */
function realisticPlan(): MixPlan {
  const random = createSeededRandom(REALISTIC.planSeed);
  const farEnds: Record<string, FarEndScript> = {
    [TARGET_DIGITS.answers]: { kind: 'answer', afterMs: 5_000, hangupAfterMs: 10_000 },
    [TARGET_DIGITS.busy]: { kind: 'busy' },
    [TARGET_DIGITS.rings]: { kind: 'no_answer' },
    [FOLLOW_ME_TARGETS.nobody]: { kind: 'no_answer' },
    [FOLLOW_ME_TARGETS.busyDesk]: { kind: 'busy' },
  };
  const employees: NonNullable<ConfigInput['employees']> = [];
  for (let i = 0; i < REALISTIC.answeringEmployees; i++) {
    farEnds[answeringTarget(i)] = { kind: 'answer', afterMs: drawMs(random, REALISTIC.ringMs), hangupAfterMs: drawMs(random, REALISTIC.talkMs) };
    employees.push({ id: `anna${i}`, name: `Anna ${i}`, connection: 'pbx-b', extensions: [`+${answeringExtension(i)}`], target: `+${answeringTarget(i)}`, triggers: ['busy', 'no_answer', 'unavailable'] });
  }
  farEnds[FOLLOW_ME_TARGETS.mobile] = { kind: 'answer', afterMs: drawMs(random, REALISTIC.ringMs), hangupAfterMs: drawMs(random, REALISTIC.talkMs) };
  employees.push(
    { id: 'bob', name: 'Bob', connection: 'pbx-a', extensions: ['+48221110002'], target: `+${TARGET_DIGITS.busy}`, triggers: ['always'] },
    { id: 'dave', name: 'Dave', connection: 'pbx-c', extensions: ['+48221130001'], target: `+${TARGET_DIGITS.rings}`, triggers: ['always'] },
    { id: 'nina', name: 'Nina', connection: 'pbx-c', extensions: ['+48221130002'], target: `+${TARGET_DIGITS.rings}`, triggers: ['always'] },
    { id: 'erin', name: 'Erin', connection: 'pbx-e', extensions: ['+48221150001'], target: '+48601000005', triggers: ['always'] },
    { id: 'gosia', name: 'Gosia', connection: 'pbx-g', extensions: ['+48221170001'], target: `+${answeringTarget(0)}`, triggers: ['always'] },
    {
      id: 'fay',
      name: 'Fay',
      connection: 'pbx-b',
      extensions: ['+48221129001'],
      triggers: ['busy', 'no_answer', 'unavailable'],
      steps: [
        { targets: [{ number: `+${FOLLOW_ME_TARGETS.nobody}` }], ringSeconds: REALISTIC.followMeFirstStepSeconds },
        { targets: [{ number: `+${FOLLOW_ME_TARGETS.busyDesk}` }, { number: `+${FOLLOW_ME_TARGETS.mobile}` }], ringSeconds: REALISTIC.followMeSecondStepSeconds },
      ],
    },
  );
  const deskNoAnswer = { disposition: 'NO_ANSWER' } as const;
  const entries: MixEntry[] = [
    {
      name: 'answered',
      weight: 55,
      draw: (r) => ({ ...caller, ...deskNoAnswer, connection: 'pbx-b', dialled: answeringExtension(Math.floor(r() * REALISTIC.answeringEmployees)) }),
    },
    { name: 'caller_hangs_up', weight: 10, draw: (r) => ({ ...caller, connection: 'pbx-c', dialled: '48221130001', hangupAfterMs: drawMs(r, REALISTIC.giveUpMs) }) },
    { name: 'busy', weight: 8, draw: () => ({ ...caller, connection: 'pbx-a', dialled: '48221110002' }) },
    { name: 'no_answer', weight: 7, draw: () => ({ ...caller, connection: 'pbx-c', dialled: '48221130002' }) },
    { name: 'route_down_failover', weight: 7, draw: () => ({ ...caller, connection: 'pbx-g', dialled: '48221170001' }) },
    { name: 'insufficient_credit', weight: 5, draw: () => ({ ...caller, connection: 'pbx-e', dialled: '48221150001' }) },
    { name: 'follow_me', weight: 8, draw: () => ({ ...caller, ...deskNoAnswer, connection: 'pbx-b', dialled: '48221129001' }) },
  ];
  const followMeMs = (REALISTIC.followMeFirstStepSeconds + REALISTIC.followMeSecondStepSeconds) * 1000 + REALISTIC.talkMs.max;
  return {
    name: 'realistic',
    entries,
    farEnds,
    employees,
    gatewaysDown: ['pbx-f'],
    longestCallMs: Math.max(REALISTIC.ringMs.max + REALISTIC.talkMs.max, REALISTIC.shippedOriginateTimeoutMs, followMeMs),
  };
}

/**
 * The old mix (`--mix fast`): 70 % answered (ring 300 ms or --ring-ms, talk 2 s, via main), 10 %
 * busy (pbx-b busy: the fallback at once), 10 % the caller hangs up after 1.5 s while the target
 * rings, 10 % insufficient credit (fallback).
 */
function fastPlan(options: MixOptions): MixPlan {
  const weights = options.weights ?? [70, 10, 10, 10];
  const entries: MixEntry[] = [
    { name: 'answered', weight: weights[0] ?? 0, draw: () => ({ ...caller, connection: 'pbx-b', dialled: '48221120001', disposition: 'NO_ANSWER' }) },
    { name: 'busy_failover', weight: weights[1] ?? 0, draw: () => ({ ...caller, connection: 'pbx-a', dialled: '48221110002' }) },
    { name: 'caller_hangs_up', weight: weights[2] ?? 0, draw: () => ({ ...caller, connection: 'pbx-c', dialled: '48221130001', hangupAfterMs: FAST.giveUpMs }) },
    { name: 'insufficient_credit', weight: weights[3] ?? 0, draw: () => ({ ...caller, connection: 'pbx-e', dialled: '48221150001' }) },
  ];
  return {
    name: 'fast',
    entries,
    farEnds: {
      [TARGET_DIGITS.answers]: { kind: 'answer', afterMs: options.ringMs, hangupAfterMs: FAST.talkMs },
      [TARGET_DIGITS.busy]: { kind: 'busy' },
      [TARGET_DIGITS.rings]: { kind: 'no_answer' },
    },
    employees: [
      { id: 'anna', name: 'Anna', connection: 'pbx-b', extensions: ['+48221120001'], target: `+${TARGET_DIGITS.answers}`, triggers: ['busy', 'no_answer', 'unavailable'] },
      { id: 'bob', name: 'Bob', connection: 'pbx-a', extensions: ['+48221110002'], target: `+${TARGET_DIGITS.busy}`, triggers: ['always'] },
      { id: 'dave', name: 'Dave', connection: 'pbx-c', extensions: ['+48221130001'], target: `+${TARGET_DIGITS.rings}`, triggers: ['always'] },
      { id: 'erin', name: 'Erin', connection: 'pbx-e', extensions: ['+48221150001'], target: '+48601000005', triggers: ['always'] },
    ],
    gatewaysDown: [],
    longestCallMs: options.ringMs + FAST.talkMs,
  };
}

/** CALLFWD_BENCH_MIX="70,10,10,10": the fast mix's weights; undefined when unset. */
export function parseWeights(spec: string | undefined): readonly number[] | undefined {
  if (spec === undefined || spec === '') return undefined;
  const weights = spec.split(',').map(Number);
  if (weights.length !== 4 || weights.some((w) => !(w >= 0)) || weights.every((w) => w === 0)) {
    throw new RangeError(`CALLFWD_BENCH_MIX needs 4 weights >= 0 (the fast mix), got ${spec}`);
  }
  return weights;
}

/** Picks an entry by weight with one draw of `random`; returns its index. */
export function pickEntry(entries: readonly MixEntry[], random: Random): number {
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  let roll = random() * total;
  for (let i = 0; i < entries.length; i++) {
    roll -= entries[i]!.weight;
    if (roll < 0) return i;
  }
  return entries.length - 1;
}
