// Places calls on simulated nodes at a steady rate, picking each call from a weighted mix.
// Deterministic for a seed: the same seed gives the same calls in the same order.
import { performance } from 'node:perf_hooks';
import type { FarEndScript } from '../model/far-end-script.js';
import type { PlaceCallInput } from '../model/place-call.js';
import type { SimNode } from '../model/sim-node.js';
import { createSeededRandom } from './seeded-random.js';

export interface CallMixEntry {
  readonly weight: number;
  readonly call: Omit<PlaceCallInput, 'uuid'>;
  /** Script for the forward target of this call: set on the node for `farEndDigits`. */
  readonly farEnd?: { readonly digits: string; readonly script: FarEndScript };
}

export interface CallGeneratorOptions {
  readonly nodes: readonly SimNode[];
  /** Calls per second (real time), spread evenly. */
  readonly cps: number;
  /** How long to generate, real ms. */
  readonly durationMs: number;
  /** Upper bound on calls; default cps * durationMs / 1000. */
  readonly maxCalls?: number;
  readonly mix: readonly CallMixEntry[];
  readonly seed: number;
}

export interface PlacedCall {
  readonly index: number;
  readonly node: string;
  readonly uuid: string;
  readonly mixIndex: number;
  /** performance.now() when placed. */
  readonly at: number;
}

export interface CallGeneratorStats {
  readonly placed: number;
  readonly perNode: Readonly<Record<string, number>>;
  readonly calls: readonly PlacedCall[];
  readonly stoppedEarly: boolean;
}

export interface CallGenerator {
  readonly done: Promise<CallGeneratorStats>;
  stop(): void;
}

export function createCallGenerator(options: CallGeneratorOptions): CallGenerator {
  if (options.nodes.length === 0) throw new Error('createCallGenerator: no nodes');
  if (options.mix.length === 0) throw new Error('createCallGenerator: empty mix');
  if (!(options.cps > 0)) throw new Error('createCallGenerator: cps must be > 0');
  const random = createSeededRandom(options.seed);
  const total = options.mix.reduce((sum, entry) => sum + entry.weight, 0);
  const limit = options.maxCalls ?? Math.floor((options.cps * options.durationMs) / 1000);
  const interval = 1000 / options.cps;
  const calls: PlacedCall[] = [];
  const perNode: Record<string, number> = {};
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let finish: (stoppedEarly: boolean) => void = () => undefined;
  const done = new Promise<CallGeneratorStats>((resolve) => {
    finish = (stoppedEarly) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      finish = () => undefined;
      resolve({ placed: calls.length, perNode: { ...perNode }, calls, stoppedEarly });
    };
  });

  const pick = (): number => {
    let roll = random() * total;
    for (let i = 0; i < options.mix.length; i++) {
      roll -= options.mix[i]!.weight;
      if (roll < 0) return i;
    }
    return options.mix.length - 1;
  };

  const tick = (): void => {
    const index = calls.length;
    if (index >= limit || performance.now() - started >= options.durationMs) return finish(false);
    const node = options.nodes[index % options.nodes.length]!;
    const mixIndex = pick();
    const entry = options.mix[mixIndex]!;
    if (entry.farEnd !== undefined) node.setFarEnd(entry.farEnd.digits, entry.farEnd.script);
    const { uuid } = node.placeCall(entry.call);
    calls.push({ index, node: node.id, uuid, mixIndex, at: performance.now() });
    perNode[node.id] = (perNode[node.id] ?? 0) + 1;
    // Schedule against the start time so the rate does not drift.
    const next = started + (index + 1) * interval - performance.now();
    timer = setTimeout(tick, Math.max(0, next));
  };
  timer = setTimeout(tick, 0);
  return { done, stop: () => finish(true) };
}
