import { performance } from 'node:perf_hooks';
import { createSeededRandom, type SimNode } from '@callfwd/fs-sim';
import { pickEntry, type MixEntry } from './mix-plan.js';

export interface PacedCall {
  readonly node: string;
  readonly uuid: string;
  readonly mixIndex: number;
}

export interface PaceOptions {
  readonly nodes: readonly SimNode[];
  readonly cps: number;
  readonly durationMs: number;
  readonly mix: readonly MixEntry[];
  readonly seed: number;
}

const TICK_MS = 2;
/** At most this many calls in one tick: catching up after a stall must not become one huge burst. */
const MAX_BURST = 50;

/**
 * Places calls at a fixed rate for a fixed time. Unlike one timer per call, each tick places every
 * call that is due, so a late timer (a busy simulator) does not lower the offered rate: the number
 * placed is cps x seconds unless the simulator cannot keep up at all. Ends by itself at the deadline.
 * Each call is picked and drawn (ring, give-up time) from one seeded RNG: the same seed, the same calls.
 */
export async function paceCalls(options: PaceOptions): Promise<PacedCall[]> {
  const random = createSeededRandom(options.seed);
  const limit = Math.floor((options.cps * options.durationMs) / 1000);
  const calls: PacedCall[] = [];
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    if (calls.length >= limit || elapsed >= options.durationMs + 1_000) return calls;
    const due = Math.min(limit, Math.floor((elapsed * options.cps) / 1000) + 1);
    for (let n = 0; calls.length < due && n < MAX_BURST; n++) {
      const node = options.nodes[calls.length % options.nodes.length]!;
      const mixIndex = pickEntry(options.mix, random);
      const { uuid } = node.placeCall(options.mix[mixIndex]!.draw(random));
      calls.push({ node: node.id, uuid, mixIndex });
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
}
