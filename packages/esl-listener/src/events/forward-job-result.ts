import { forwardJobId, parseForwardJob, type ForwardEvent, type ForwardJob } from '@callfwd/domain';

/** An event job ready to add: its id is derived from node, call and event, so a repeat is the same job. */
export interface NewForwardJob {
  readonly kind: 'job';
  readonly jobId: string;
  readonly job: ForwardJob;
}

/** What one FreeSWITCH event means for a forward: a job, nothing, or a job that would be invalid. */
export type ForwardJobFromEvent =
  NewForwardJob | { readonly kind: 'none' } | { readonly kind: 'invalid'; readonly error: string };

export const NO_JOB: ForwardJobFromEvent = Object.freeze({ kind: 'none' });

export function invalidJob(error: string): ForwardJobFromEvent {
  return { kind: 'invalid', error };
}

/** The event job of `event` on call `callUuid`, validated with the schema the worker parses it with. */
export function forwardJob(node: string, callUuid: string, event: ForwardEvent): ForwardJobFromEvent {
  const parsed = parseForwardJob({ v: 2, node, callUuid, event });
  if (!parsed.ok) return invalidJob(`${event.kind}: ${parsed.error}`);
  return {
    kind: 'job',
    jobId: forwardJobId(parsed.job.node, parsed.job.callUuid, parsed.job.event),
    job: parsed.job,
  };
}
