import { z } from 'zod';
import type { ForwardObservations } from '../stats/analyze-forwards.js';

/** The mix a simulator process plays, handed over in CALLFWD_BENCH_MIX_OPTIONS (JSON). */
export const MixOptionsSchema = z.object({
  mix: z.enum(['realistic', 'fast']),
  ringMs: z.number().int().min(0).max(120_000),
  weights: z.array(z.number().min(0)).length(4).optional(),
});

/** Bench -> simulator process: run one load and report what the nodes saw. */
export interface SimRunRequest {
  readonly type: 'run';
  /** This process's share of the rate. */
  readonly cps: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly seed: number;
  /** After the last call: how long to wait for every call to be forwarded (or given its fallback). */
  readonly drainMs: number;
  /** Then at most this long for every channel to hang up (answered forwards ring and talk), and 2 s for the records. */
  readonly settleMs: number;
}

export interface SimRunReport {
  readonly type: 'report';
  readonly observations: ForwardObservations;
  readonly placed: number;
  readonly perMix: Readonly<Record<string, number>>;
  /** Real seconds the generator ran, warm-up included. */
  readonly generatedSeconds: number;
  readonly stoppedEarly: boolean;
  /** The simulator's own event-loop delay, ms: when high, its figures are late too. */
  readonly simLoopDelayP99Ms: number;
  readonly liveChannelsAtEnd: number;
}

export type SimMessage = SimRunRequest | { readonly type: 'stop' };
