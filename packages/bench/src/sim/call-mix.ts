import type { CallMixEntry, FarEndScript } from '@callfwd/fs-sim';
import { TARGET_DIGITS } from '../run/bench-config.js';

/** Sim ms an answered forward rings, and then talks before the target hangs up. */
export const RING_MS = 300;
export const TALK_MS = 2_000;
/** The early-hangup caller gives up this long after the call arrived, while the target rings. */
export const CALLER_GIVES_UP_MS = 1_500;

export const MIX_NAMES = ['answered', 'busy_failover', 'caller_hangs_up', 'insufficient_credit'] as const;

/** The far ends of the forward targets, by digits; answered targets ring `ringMs` (default RING_MS). */
export function benchFarEnds(ringMs: number = RING_MS): Readonly<Record<string, FarEndScript>> {
  return {
    [TARGET_DIGITS.answers]: { kind: 'answer', afterMs: ringMs, hangupAfterMs: TALK_MS },
    [TARGET_DIGITS.busy]: { kind: 'busy' },
    [TARGET_DIGITS.rings]: { kind: 'no_answer' },
  };
}


/** The ring of answered targets from CALLFWD_BENCH_RING_MS (e.g. 10000 for a mobile), the default when unset. */
export function ringFromEnv(spec: string | undefined): number {
  if (spec === undefined || spec === '') return RING_MS;
  const ms = Number(spec);
  if (!Number.isInteger(ms) || ms < 0 || ms > 120_000) throw new RangeError(`CALLFWD_BENCH_RING_MS needs whole ms from 0 to 120000, got ${spec}`);
  return ms;
}

const caller = { callerNumber: '48221234567', callerName: 'Bench Caller', context: 'public' } as const;

/**
 * 70 % answered (anna, via main), 10 % busy then failover (bob: pbx-b busy, main busy, fallback),
 * 10 % the caller hangs up while the target rings (dave), 10 % insufficient credit (erin: fallback).
 * Order matches MIX_NAMES.
 */
export const BENCH_MIX: readonly CallMixEntry[] = [
  { weight: 70, call: { ...caller, connection: 'pbx-b', dialled: '48221120001', disposition: 'NO_ANSWER' } },
  { weight: 10, call: { ...caller, connection: 'pbx-a', dialled: '48221110002' } },
  { weight: 10, call: { ...caller, connection: 'pbx-c', dialled: '48221130001', hangupAfterMs: CALLER_GIVES_UP_MS } },
  { weight: 10, call: { ...caller, connection: 'pbx-e', dialled: '48221150001' } },
];

/** The mix with other weights (CALLFWD_BENCH_MIX="70,10,10,10", in MIX_NAMES order); the default when unset. */
export function weightedMix(spec: string | undefined): readonly CallMixEntry[] {
  if (spec === undefined || spec === '') return BENCH_MIX;
  const weights = spec.split(',').map(Number);
  if (weights.length !== BENCH_MIX.length || weights.some((w) => !(w >= 0)) || weights.every((w) => w === 0)) {
    throw new RangeError(`CALLFWD_BENCH_MIX needs ${BENCH_MIX.length} weights >= 0, got ${spec}`);
  }
  return BENCH_MIX.map((entry, i) => ({ ...entry, weight: weights[i] as number }));
}
