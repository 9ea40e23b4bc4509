import { chooseForwardRoute, decideForward, type ForwardDecision } from '@callfwd/domain';
import type { Draft, PlannedAttempt } from './forward-fields.js';
import type { ForwardRun } from './forward-run.js';

export type Plan =
  | { kind: 'forward'; draft: Draft; route: PlannedAttempt[] }
  | { kind: 'loop_guard'; reason: string }
  | { kind: 'refused'; draft: Draft; note: string };

/** Asks the domain whether and how to forward this parked call (rules 1, 3 and the loop guard). */
export async function planForward(run: ForwardRun): Promise<Plan> {
  const { job, deps } = run;
  const decision: ForwardDecision = decideForward({
    config: deps.config,
    connection: job.connection,
    dialled: job.dialled,
    disposition: job.disposition ?? undefined,
    isForwardLeg: job.isForwardLeg,
    alreadyForwarded: false, // the job state's claim already refuses a finished forward
  });
  const base: Draft = {
    callUuid: job.callUuid,
    node: job.node,
    connection: job.connection,
    caller: { number: job.callerNumber, name: job.callerName },
    dialled: job.dialled,
    employee: null,
    target: null,
    trigger: null,
    startedAt: job.parkedAt,
  };
  if (!decision.forward) {
    if (decision.reason === 'loop_guard_forward_leg' || decision.reason === 'loop_guard_already_forwarded') {
      return { kind: 'loop_guard', reason: decision.reason };
    }
    return { kind: 'refused', draft: base, note: `${decision.reason}: ${decision.detail}` };
  }
  const draft: Draft = { ...base, employee: decision.employee.id, target: decision.employee.target, trigger: decision.trigger };
  const overrides = await deps.forwardViaOverrides();
  const route = chooseForwardRoute({ config: deps.config, connection: job.connection, target: decision.employee.target, overrides });
  if (!route.ok) return { kind: 'refused', draft, note: `${route.reason}: ${route.detail}` };
  return {
    kind: 'forward',
    draft,
    route: route.attempts.map((a) => ({
      line: a.line.id,
      account: a.account.id,
      tariff: a.tariff.id,
      dialString: a.dialString,
      viaReason: a.viaReason,
    })),
  };
}
