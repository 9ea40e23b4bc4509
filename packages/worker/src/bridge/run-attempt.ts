import {
  authorizeCredit,
  chooseCallerId,
  classifyOriginateFailure,
  findAccount,
  findLine,
  findTariff,
  type Outcome,
  type Trigger,
} from '@callfwd/domain';
import { BadCommandInput } from '@callfwd/freeswitch';
import { RetryableError } from '../errors.js';
import { legsPatch, type Leg, type PlannedAttempt } from './forward-fields.js';
import type { ForwardRun } from './forward-run.js';
import { awaitResumedLeg } from './await-resumed-leg.js';

export type AttemptResult =
  | { kind: 'answered'; leg: Leg }
  | { kind: 'failed'; outcome: Outcome; cause: string | null; failover: boolean };

/**
 * One line of the route: authorize credit on its paying account, hold it, originate the leg with
 * the line's caller ID, and report whether the target answered. Each step is recorded first, so a
 * run that resumes after a crash never places the same leg twice: it picks up the leg it placed.
 */
export async function runAttempt(run: ForwardRun, index: number, planned: PlannedAttempt): Promise<AttemptResult> {
  const { deps, job } = run;
  const line = findLine(deps.config, planned.line);
  const account = findAccount(deps.config, planned.account);
  const tariff = findTariff(deps.config, planned.tariff);
  const draft = run.fields.draft;
  if (!line || !account || !tariff || !draft?.target || !draft.trigger) {
    return { kind: 'failed', outcome: 'failed', cause: 'CONFIG_CHANGED', failover: true };
  }

  const existing = run.fields.legs.find((l) => l.attempt === index);
  if (existing) {
    // Resumed after a crash: this attempt's leg may have been placed. Never place it again.
    if (run.step === 'originating' && existing.legUuid !== null) return resumeLeg(run, existing);
    return { kind: 'failed', outcome: existing.outcome ?? 'failed', cause: existing.cause, failover: true };
  }

  // The balance and whether the caller is still there, in one round trip's time.
  const [balance, callerHere] = await Promise.all([
    deps.ledger.getBalance(account.id),
    deps.callerWatch.hungUp(job.node, job.callUuid) !== undefined ? Promise.resolve(false) : run.node.exists(job.callUuid),
  ]);
  if (!callerHere) {
    await recordLeg(run, { ...emptyLeg(index, planned), outcome: 'caller_hung_up', cause: 'ORIGINATOR_CANCEL' }, 'failed_over');
    return { kind: 'failed', outcome: 'caller_hung_up', cause: 'ORIGINATOR_CANCEL', failover: false };
  }
  const auth = authorizeCredit({
    tariff,
    destination: draft.target,
    available: balance.available,
    maxCallSeconds: account.maxCallSeconds,
  });
  if (!auth.ok) {
    const outcome: Outcome = auth.reason === 'insufficient_credit' ? 'insufficient_credit' : 'failed';
    await recordLeg(run, { ...emptyLeg(index, planned), outcome, cause: auth.detail.slice(0, 64) }, 'failed_over');
    return { kind: 'failed', outcome, cause: null, failover: true };
  }
  const callerId = chooseCallerId({
    line,
    dialled: job.dialled,
    caller: { number: job.callerNumber, name: job.callerName },
    trigger: draft.trigger as Trigger,
  });
  const leg: Leg = {
    ...emptyLeg(index, planned),
    legUuid: deps.newUuid(),
    jobUuid: deps.newUuid(),
    reserve: auth.reserve,
    maxSeconds: auth.maxSeconds,
    callerId: line.number,
    callerIdName: callerId.name,
    callerIdReason: callerId.explanation,
    diversion: callerId.diversion ? diversionHeader(callerId.diversion) : null,
  };
  // The leg's ids are recorded before money is held or the call placed (both are keyed by them):
  // a run that resumes from here never places this leg again and releases its hold if need be.
  await recordLeg(run, leg, 'originating');
  const held = await deps.ledger.reserve(account.id, leg.legUuid as string, leg.reserve);
  if (!held.ok) {
    await recordLeg(run, { ...leg, outcome: 'insufficient_credit', cause: null }, 'failed_over');
    return { kind: 'failed', outcome: 'insufficient_credit', cause: null, failover: true };
  }
  return originateLeg(run, leg, planned.dialString, draft.trigger);
}

async function originateLeg(run: ForwardRun, leg: Leg, dialString: string, trigger: string): Promise<AttemptResult> {
  const { deps, job, node } = run;
  const legUuid = leg.legUuid as string;
  if (deps.callerWatch.hungUp(job.node, job.callUuid) !== undefined) return failLeg(run, leg, 'ORIGINATOR_CANCEL');
  if (leg.attempt === 0) deps.metrics.parkToOriginate.observe(Math.max(0, deps.now() - job.parkedAt) / 1000);
  const variables: Record<string, string> = {
    origination_caller_id_number: (leg.callerId ?? '').replace(/^\+/, ''),
    origination_caller_id_name: leg.callerIdName ?? '',
    originate_timeout: String(deps.config.worker.originateTimeoutSeconds),
    callfwd_parent: job.callUuid,
    callfwd_forwarded: 'true',
    callfwd_line: leg.line,
    callfwd_trigger: trigger,
    'sip_h_X-Callfwd-Forwarded': 'true',
  };
  if (leg.diversion) variables.sip_h_Diversion = leg.diversion;
  let result;
  try {
    result = await node.originate({
      legUuid,
      jobUuid: leg.jobUuid as string,
      dialString,
      variables,
      timeoutMs: deps.config.worker.originateTimeoutSeconds * 1000 + deps.config.worker.commandTimeoutMs,
    });
  } catch (err) {
    // The quoting layer refused a value before anything reached the wire: this line cannot be used.
    if (err instanceof BadCommandInput) {
      run.log.error({ err: err.message, legUuid, dialString }, 'originate refused by the command layer');
      return failLeg(run, leg, 'BAD_INPUT');
    }
    throw new RetryableError(`originate of ${legUuid} failed: ${(err as Error).message}`);
  }
  if (result.ok) return { kind: 'answered', leg };
  if (result.cause === 'DISCONNECTED') {
    // The node may still hold the leg: a retry resumes at 'originating' and finds it.
    throw new RetryableError(`node ${job.node} disconnected while originating ${legUuid}`);
  }
  if (result.cause === 'TIMEOUT') await node.kill(legUuid, 'ORIGINATOR_CANCEL').catch(() => undefined);
  return failLeg(run, leg, result.cause);
}

/** After a crash at 'originating': the leg may be ringing, answered, or gone. Never place it again. */
async function resumeLeg(run: ForwardRun, leg: Leg): Promise<AttemptResult> {
  const state = await awaitResumedLeg(run, leg.legUuid as string);
  if (state === 'answered') return { kind: 'answered', leg };
  if (run.fields.bridging === leg.legUuid) {
    // The bridge may not have reached the node (the run stopped between recording and sending it):
    // then the caller is still parked, never bridged to the leg, and gets the fallback.
    if (state === 'gone' && !(await wasBridgedTo(run, leg.legUuid as string))) {
      run.log.info({ legUuid: leg.legUuid }, 'resumed: the bridge never happened and the target is gone');
      const failed = await failLeg(run, leg, 'NORMAL_CLEARING');
      return failed.kind === 'failed' ? { ...failed, failover: false } : failed;
    }
    // The bridge was sent and the call has ended since: it was forwarded. Recorded as bridged, the
    // leg's settle job (its hangup was seen) charges what it lasted and writes the record.
    await run.advance('bridged', { bridgedLeg: leg.legUuid as string, answeredAt: String(run.deps.now()), capped: '1' });
    run.log.info({ legUuid: leg.legUuid }, 'resumed after the bridge: the forwarded call already ended');
    return { kind: 'answered', leg };
  }
  return failLeg(run, leg, state === 'caller_gone' ? 'ORIGINATOR_CANCEL' : 'LOST_ON_RESUME');
}

/**
 * Whether the parked caller was bridged to this leg (FreeSWITCH keeps `last_bridge_to` on it). A
 * caller gone by now was hung up with its bridged leg a moment ago: only a caller still there with
 * another (or no) `last_bridge_to` shows the bridge never happened.
 */
async function wasBridgedTo(run: ForwardRun, legUuid: string): Promise<boolean> {
  const reply = await run.node.getVar(run.job.callUuid, 'last_bridge_to');
  if (!reply.ok) return NO_SUCH_CHANNEL.test(reply.error);
  return reply.reply.trim() === legUuid;
}

const NO_SUCH_CHANNEL = /No such channel/i;

/** Releases the hold of a leg that did not answer and records why. */
export async function failLeg(run: ForwardRun, leg: Leg, rawCause: string): Promise<AttemptResult> {
  const { deps, job } = run;
  const callerGone = deps.callerWatch.hungUp(job.node, job.callUuid) !== undefined;
  const cause = callerGone ? 'ORIGINATOR_CANCEL' : rawCause;
  const failure = classifyOriginateFailure(cause);
  await deps.ledger.release(leg.account, leg.legUuid as string);
  await recordLeg(run, { ...leg, outcome: failure.outcome, cause }, 'failed_over');
  run.log.info({ legUuid: leg.legUuid, line: leg.line, cause }, 'forward leg failed');
  return { kind: 'failed', outcome: failure.outcome, cause, failover: failure.failover };
}

async function recordLeg(run: ForwardRun, leg: Leg, next: 'originating' | 'failed_over'): Promise<void> {
  const legs = run.fields.legs.filter((l) => l.attempt !== leg.attempt);
  legs.push(leg);
  legs.sort((a, b) => a.attempt - b.attempt);
  await run.advance(next, legsPatch(legs));
}

function emptyLeg(index: number, planned: PlannedAttempt): Leg {
  return {
    attempt: index,
    line: planned.line,
    account: planned.account,
    legUuid: null,
    jobUuid: null,
    reserve: 0,
    maxSeconds: 0,
    callerId: null,
    callerIdName: null,
    callerIdReason: null,
    diversion: null,
    outcome: null,
    cause: null,
  };
}


/** RFC 5806 Diversion: the number the caller dialled, and why the call was diverted. */
function diversionHeader(d: { number: string; reason: string }): string {
  return `<tel:+${d.number}>;reason=${d.reason};counter=1`;
}
