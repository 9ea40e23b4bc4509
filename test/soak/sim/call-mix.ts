// The soak's call mix: each call picks a scenario (seeded), a free employee of the scenario's pool,
// and scripts that employee's target for this one call (ring and talk drawn from the ranges).
import type { FarEndScript, PlaceCallInput, Random } from '@callfwd/fs-sim';
import { POOLS, poolNumber, type EmployeePool } from '../run/soak-config.js';

export interface Scenario {
  readonly name: string;
  readonly weight: number;
  readonly pool: EmployeePool;
  farEnd(ringMs: number, talkMs: number): FarEndScript;
  /** The caller gives up this long after arriving (undefined: only the safety hangup). */
  callerGivesUpMs?(ringMs: number, random: Random): number;
}

/** Every caller hangs up by then at the latest, so nothing the soak placed lives for ever. */
export const SAFETY_HANGUP_MS = 240_000;

const answer = (ringMs: number, talkMs: number): FarEndScript => ({ kind: 'answer', afterMs: ringMs, hangupAfterMs: talkMs });

export const SCENARIOS: readonly Scenario[] = [
  { name: 'answered', weight: 40, pool: POOLS.direct, farEnd: answer },
  { name: 'answered_recorded', weight: 12, pool: POOLS.viaPbx, farEnd: answer },
  { name: 'caller_hangs_up_ringing', weight: 10, pool: POOLS.direct, farEnd: answer, callerGivesUpMs: (ringMs, random) => 500 + Math.floor(random() * Math.max(1, ringMs - 1_000)) },
  { name: 'busy', weight: 8, pool: POOLS.direct, farEnd: () => ({ kind: 'busy' }) },
  { name: 'no_answer', weight: 8, pool: POOLS.direct, farEnd: () => ({ kind: 'no_answer' }) },
  { name: 'route_down', weight: 10, pool: POOLS.viaPbx, farEnd: () => ({ kind: 'route_down' }) },
  { name: 'insufficient_credit', weight: 12, pool: POOLS.broke, farEnd: answer },
];

export interface PlannedCall {
  readonly scenario: string;
  readonly employee: string;
  readonly targetDigits: string;
  readonly farEnd: FarEndScript;
  readonly call: PlaceCallInput;
}

const between = (random: Random, [min, max]: readonly [number, number]): number => Math.round((min + random() * (max - min)) * 1000);

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
      targetDigits: poolNumber(scenario.pool.targetPrefix, i),
      farEnd: scenario.farEnd(ringMs, talkMs),
      call: { connection: scenario.pool.connection, dialled: poolNumber(scenario.pool.extPrefix, i), callerNumber: '48221234567', callerName: 'Soak Caller', hangupAfterMs: gives ?? SAFETY_HANGUP_MS },
    };
  }
  return null;
}
