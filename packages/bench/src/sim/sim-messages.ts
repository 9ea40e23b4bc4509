import type { ForwardObservations } from '../stats/analyze-forwards.js';

/** Bench -> simulator process: run one load and report what the nodes saw. */
export interface SimRunRequest {
  readonly type: 'run';
  readonly cps: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly seed: number;
  /** After the last call: how long to wait for every call to be forwarded (or given its fallback). */
  readonly drainMs: number;
  /** Then how long to wait for answered forwards to hang up and settle. */
  readonly settleMs: number;
}

export interface SimRunReport {
  readonly type: 'report';
  readonly observations: ForwardObservations;
  readonly placed: number;
  readonly perMix: readonly number[];
  /** Real seconds the generator ran, warm-up included. */
  readonly generatedSeconds: number;
  readonly stoppedEarly: boolean;
  /** The simulator's own event-loop delay, ms: when high, its figures are late too. */
  readonly simLoopDelayP99Ms: number;
  readonly liveChannelsAtEnd: number;
}

export type SimMessage = SimRunRequest | { readonly type: 'stop' };
