import type { BridgeJob } from '@callfwd/domain';
import type { ForwardState, ForwardStep } from '@callfwd/store';
import type { Logger } from '@callfwd/telemetry';
import { RetryableError } from '../errors.js';
import type { ForwardNode, WorkerDeps } from '../worker-deps.js';
import { readForwardFields, type ForwardFields, type ReadFields } from './forward-fields.js';

/**
 * One run of a bridge job over its forward's job state: the current step and fields, and the one
 * way to move them (`advance`), a compare-and-set under this run's lease.
 */
export interface ForwardRun {
  readonly deps: WorkerDeps;
  readonly job: BridgeJob;
  readonly node: ForwardNode;
  readonly log: Logger;
  readonly owner: string;
  readonly step: ForwardStep;
  readonly fields: ForwardFields;
  advance(next: ForwardStep, patch?: Readonly<Record<string, string>>): Promise<void>;
  /**
   * Fields to write with the next `advance` (the plan of the forward): visible in `fields` at once,
   * persisted together with the next step, so planning costs no round trip of its own.
   */
  stage(patch: Readonly<Record<string, string>>): void;
}

export function createForwardRun(
  deps: WorkerDeps,
  job: BridgeJob,
  node: ForwardNode,
  log: Logger,
  owner: string,
  state: ForwardState,
): ForwardRun {
  let current = state;
  let staged: Record<string, string> = {};
  let read: ReadFields = { raw: state.fields, parsed: readForwardFields(state.fields) };
  const reread = (raw: Readonly<Record<string, string>>) => {
    read = { raw, parsed: readForwardFields(raw, read) };
  };
  return {
    deps,
    job,
    node,
    log,
    owner,
    get step() {
      return current.step;
    },
    get fields() {
      return read.parsed;
    },
    stage(patch) {
      staged = { ...staged, ...patch };
      reread({ ...current.fields, ...staged });
    },
    async advance(next, patch = {}) {
      const result = await deps.jobState.advance(job.node, job.callUuid, owner, current.step, next, { ...staged, ...patch });
      if (!result.ok) {
        // Another worker resumed this forward (our lease ran out): stop here, change nothing more.
        throw new RetryableError(`forward ${job.callUuid} moved on without us: ${result.reason}`);
      }
      current = result.state;
      staged = {};
      reread(result.state.fields);
    },
  };
}
