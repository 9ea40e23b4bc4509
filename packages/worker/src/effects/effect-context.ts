import type { ForwardEvent } from '@callfwd/domain';
import type { Logger } from '@callfwd/telemetry';
import type { ForwardNode, WorkerDeps } from '../worker-deps.js';

/** What an effect runs with: the deps, the forward it belongs to, and its node's command connection. */
export interface EffectContext {
  readonly deps: WorkerDeps;
  readonly node: ForwardNode;
  readonly nodeId: string;
  readonly callUuid: string;
  readonly log: Logger;
}

/** An effect's outcome: the events it reports back to the forward (credit held, a refused command...). */
export type EffectResult = readonly ForwardEvent[];

export const NOTHING: EffectResult = Object.freeze([]);
