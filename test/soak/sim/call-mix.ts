// The soak's call mix: each call picks a scenario (seeded), a free employee of the scenario's pool,
// and scripts that employee's targets for this one call (ring and talk drawn from the ranges).
import type { FarEndScript, PlaceCallInput, Random } from '@callfwd/fs-sim';
import { CONFIRM, FOLLOW_ME_RING_SECONDS, POOLS, poolNumber, poolTargets, type EmployeePool } from '../run/soak-config.js';

export interface Scenario {
  readonly name: string;
  readonly weight: number;
  readonly pool: EmployeePool;
  /** The far end of each of the employee's targets, by slot (follow-me: step by step, as configured). */
  farEnds(ringMs: number, talkMs: number): readonly FarEndScript[];
  /** The caller gives up this long after arriving (undefined: only the safety hangup). */
  callerGivesUpMs?(ringMs: number, random: Random): number;
}

/** Every caller hangs up by then at the latest, so nothing the soak placed lives for ever. */
export const SAFETY_HANGUP_MS = 240_000;

type Answer = Extract<FarEndScript, { kind: 'answer' }>;
const answer = (ringMs: number, talkMs: number): Answer => ({ kind: 'answer', afterMs: ringMs, hangupAfterMs: talkMs });
const one = (script: (ringMs: number, talkMs: number) => FarEndScript) => (ringMs: number, talkMs: number) => [script(ringMs, talkMs)];
const NO_ANSWER: FarEndScript = { kind: 'no_answer' };
/** A follow-me target answers within its step's ring time (minus a margin for a loaded machine). */
const stepRing = (ringMs: number): number => Math.min(ringMs, (FOLLOW_ME_RING_SECONDS - 4) * 1000);
/** Answers and presses the confirm key a second later. */
const confirms = (ringMs: number, talkMs: number): Answer => ({ ...answer(stepRing(ringMs), talkMs), keys: { digits: CONFIRM.key, afterMs: 1_000 } });

export const SCENARIOS: readonly Scenario[] = [
  { name: 'answered', weight: 40, pool: POOLS.direct, farEnds: one(answer) },
  { name: 'answered_recorded', weight: 12, pool: POOLS.viaPbx, farEnds: one(answer) },
  { name: 'caller_hangs_up_ringing', weight: 10, pool: POOLS.direct, farEnds: one(answer), callerGivesUpMs: (ringMs, random) => 500 + Math.floor(random() * Math.max(1, ringMs - 1_000)) },
  { name: 'busy', weight: 8, pool: POOLS.direct, farEnds: () => [{ kind: 'busy' }] },
  { name: 'no_answer', weight: 8, pool: POOLS.direct, farEnds: () => [NO_ANSWER] },
  { name: 'route_down', weight: 10, pool: POOLS.viaPbx, farEnds: () => [{ kind: 'route_down' }] },
  { name: 'insufficient_credit', weight: 12, pool: POOLS.broke, farEnds: one(answer) },
  // Follow-me, two steps of two targets at once: the first step's first target answers (its
  // partner rings and is cancelled); the first step busy / unanswered, the second's second answers;
  // nobody answers (the fallback after both steps).
  { name: 'follow_me_first', weight: 6, pool: POOLS.followMe, farEnds: (r, t) => [answer(stepRing(r), t), NO_ANSWER, NO_ANSWER, NO_ANSWER] },
  { name: 'follow_me_second_step', weight: 5, pool: POOLS.followMe, farEnds: (r, t) => [{ kind: 'busy' }, NO_ANSWER, NO_ANSWER, answer(stepRing(r), t)] },
  { name: 'follow_me_nobody', weight: 3, pool: POOLS.followMe, farEnds: () => [NO_ANSWER, { kind: 'busy' }, NO_ANSWER, NO_ANSWER] },
  // Confirm to accept: the answer presses the key; or a voicemail answers and never presses
  // (charged, not bridged) and the second step's target confirms.
  { name: 'confirm_pressed', weight: 5, pool: POOLS.confirm, farEnds: (r, t) => [confirms(r, t), NO_ANSWER, NO_ANSWER, NO_ANSWER] },
  { name: 'confirm_voicemail', weight: 4, pool: POOLS.confirm, farEnds: (r, t) => [answer(stepRing(r), 60_000), { kind: 'busy' }, NO_ANSWER, confirms(r, t)] },
];

export interface PlannedCall {
  readonly scenario: string;
  readonly employee: string;
  /** Each target's digits and its far end for this call. */
  readonly farEnds: ReadonlyArray<{ readonly digits: string; readonly script: FarEndScript }>;
  readonly call: PlaceCallInput;
}

const between = (random: Random, [min, max]: readonly [number, number]): number => Math.round((min + random() * (max - min)) * 1000);

function zipTargets(digits: readonly string[], scripts: readonly FarEndScript[]): Array<{ digits: string; script: FarEndScript }> {
  if (digits.length !== scripts.length) throw new Error(`${digits.length} targets, ${scripts.length} far ends scripted`);
  return digits.map((d, k) => ({ digits: d, script: scripts[k]! }));
}

/** Picks the next call; null when every employee of the picked pool is busy (the call is skipped). */
export function planCall(random: Random, busy: ReadonlySet<string>, ring: readonly [number, number], talk: readonly [number, number]): PlannedCall | null {
  const total = SCENARIOS.reduce((sum, s) => sum + s.weight, 0);
  let pick = random() * total;
  const scenario = SCENARIOS.find((s) => (pick -= s.weight) < 0) ?? SCENARIOS[0]!;
  const ringMs = between(random, ring);
  const talkMs = between(random, talk);
  const start = Math.floor(random() * scenario.pool.size);
  for (let k = 0; k < scenario.pool.size; k++) {
    const i = (start + k) % scenario.pool.size;
    const employee = `${scenario.pool.name}${i}`;
    if (busy.has(employee)) continue;
    const gives = scenario.callerGivesUpMs?.(ringMs, random);
    return {
      scenario: scenario.name,
      employee,
      farEnds: zipTargets(poolTargets(scenario.pool, i), scenario.farEnds(ringMs, talkMs)),
      call: { connection: scenario.pool.connection, dialled: poolNumber(scenario.pool.extPrefix, i), callerNumber: '48221234567', callerName: 'Soak Caller', hangupAfterMs: gives ?? SAFETY_HANGUP_MS },
    };
  }
  return null;
}
