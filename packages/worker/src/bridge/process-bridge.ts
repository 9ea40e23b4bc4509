import { parseBridgeJob, type Outcome } from '@callfwd/domain';
import { RetryableError, unrecoverable } from '../errors.js';
import type { WorkerDeps } from '../worker-deps.js';
import { completeBridge } from './complete-bridge.js';
import { finishWithoutBridge } from './finish-forward.js';
import { createForwardRun, type ForwardRun } from './forward-run.js';
import { planForward } from './plan-forward.js';
import { runAttempt } from './run-attempt.js';

/** When a caller hangs up during the originate: cancel at once, and again in case the leg was not there yet. */
const CANCEL_RETRIES_MS = [0, 250, 1_000];

export type BridgeResult =
  | { status: 'bridged'; legUuid: string }
  | { status: 'finished'; outcome: Outcome }
  | { status: 'skipped'; reason: string };

/**
 * The `bridge` job: forward one parked call. Claims the forward's job state under a lease, then
 * walks its steps (planned, reserved, originating, bridged | failed over ... | fallback, done),
 * recording each before acting, so a job that runs again resumes instead of repeating.
 */
export async function processBridge(deps: WorkerDeps, data: unknown, jobId: string): Promise<BridgeResult> {
  const parsed = parseBridgeJob(data);
  if (!parsed.ok) throw unrecoverable(`bad bridge job payload: ${parsed.error}`);
  const job = parsed.job;
  const node = deps.nodes.get(job.node);
  if (!node) throw unrecoverable(`bridge job for node ${job.node}, which is not in the config`);
  const log = deps.log.child({ node: job.node, callUuid: job.callUuid, jobId });
  const owner = `${deps.workerId}/${jobId}`;
  // A node that is reconnecting gets a moment (one command timeout) before the attempt is spent:
  // a job run again right after the node came back must not fail because this worker is a beat late.
  if (!(await nodeUp(node, deps.config.worker.commandTimeoutMs))) {
    throw new RetryableError(`node ${job.node} is not connected`);
  }

  const claim = await deps.jobState.claim(job.node, job.callUuid, owner, deps.leaseMs);
  if (!claim.ok) {
    if (claim.reason === 'done') return { status: 'skipped', reason: 'already_forwarded' };
    throw new RetryableError(`forward ${job.callUuid} is held by another worker`);
  }
  if (claim.resumed) log.info({ step: claim.state.step }, 'resuming forward');

  const run = createForwardRun(deps, job, node, log, owner, claim.state);
  const renew = setInterval(() => {
    deps.jobState.renewLease(job.node, job.callUuid, owner, deps.leaseMs).catch((err: unknown) => {
      log.warn({ err }, 'lease renewal failed');
    });
  }, Math.max(250, Math.floor(deps.leaseMs / 3)));
  const unwatch = deps.callerWatch.watch(job.node, job.callUuid, () => {
    const leg = run.fields.legs[run.fields.legs.length - 1];
    if (run.step !== 'originating' || !leg?.legUuid) return;
    const legUuid = leg.legUuid;
    log.info({ legUuid }, 'caller hung up while the target rang: cancelling the leg');
    // The originate may still be on its way to a channel: kill again shortly if the leg outlived the first try.
    for (const delayMs of CANCEL_RETRIES_MS) {
      setTimeout(() => {
        if (run.step !== 'originating') return;
        node.kill(legUuid, 'ORIGINATOR_CANCEL').catch((err: unknown) => log.warn({ err }, 'cancel failed'));
      }, delayMs).unref();
    }
  });
  try {
    return await walk(run);
  } finally {
    clearInterval(renew);
    unwatch();
  }
}

async function walk(run: ForwardRun): Promise<BridgeResult> {
  switch (run.step) {
    case 'done':
    case 'settled':
      return { status: 'skipped', reason: 'already_forwarded' };
    case 'bridged':
      return finishBridged(run);
    case 'fallback':
      return finished(await finishWithoutBridge(run, { outcome: 'failed', note: null, fallback: true }));
    case 'claimed': {
      if (run.fields.draft) break;
      const plan = await planForward(run);
      if (plan.kind === 'loop_guard') {
        await run.advance('done', { outcome: 'not_forwarded', note: plan.reason });
        run.log.info({ reason: plan.reason }, 'not forwarded: loop guard');
        return { status: 'skipped', reason: plan.reason };
      }
      if (plan.kind === 'refused') {
        run.stage({ draft: JSON.stringify(plan.draft) });
        return finished(await finishWithoutBridge(run, { outcome: 'not_forwarded', note: plan.note, fallback: true }));
      }
      run.stage({ draft: JSON.stringify(plan.draft), route: JSON.stringify(plan.route) });
      break;
    }
    default:
      break;
  }
  return tryLines(run);
}

async function tryLines(run: ForwardRun): Promise<BridgeResult> {
  const route = run.fields.route;
  let last: { outcome: Outcome; cause: string | null } = { outcome: 'failed', cause: null };
  const lastLeg = run.fields.legs[run.fields.legs.length - 1];
  let start = 0;
  if (lastLeg) start = run.step === 'failed_over' ? lastLeg.attempt + 1 : lastLeg.attempt;
  if (lastLeg?.outcome) last = { outcome: lastLeg.outcome, cause: lastLeg.cause };

  for (let index = start; index < route.length; index++) {
    const planned = route[index];
    if (!planned) break;
    const result = await runAttempt(run, index, planned);
    if (result.kind === 'answered') {
      const done = await completeBridge(run, result.leg);
      if (done === 'bridged') return finishBridged(run);
      last = { outcome: done.kind === 'failed' ? done.outcome : 'failed', cause: done.kind === 'failed' ? done.cause : null };
      if (done.kind === 'failed' && !done.failover) break;
      continue;
    }
    last = { outcome: result.outcome, cause: result.cause };
    if (!result.failover) break;
  }
  const callerGone = last.outcome === 'caller_hung_up';
  const outcome = overallOutcome(run, last.outcome);
  const note = callerGone ? 'the caller hung up before the target answered' : describeFailure(run);
  return finished(await finishWithoutBridge(run, { outcome, note, fallback: !callerGone, hangupCause: last.cause }));
}

/** Insufficient credit on every line is `insufficient_credit`; otherwise the last line's outcome. */
function overallOutcome(run: ForwardRun, last: Outcome): Outcome {
  const legs = run.fields.legs;
  if (legs.length > 0 && legs.every((l) => l.outcome === 'insufficient_credit')) return 'insufficient_credit';
  return last;
}

function describeFailure(run: ForwardRun): string {
  const tried = run.fields.legs.map((l) => `${l.line}: ${l.outcome ?? 'failed'}${l.cause ? ` (${l.cause})` : ''}`);
  return tried.length === 0 ? 'no line to forward through' : `every line failed: ${tried.join('; ')}`.slice(0, 1024);
}

async function finishBridged(run: ForwardRun): Promise<BridgeResult> {
  const leg = run.fields.legs.find((l) => l.legUuid === run.fields.bridgedLeg);
  if (!leg) throw new Error(`forward ${run.job.callUuid} is bridged to an unknown leg`);
  await completeBridge(run, leg);
  return { status: 'bridged', legUuid: leg.legUuid as string };
}

function finished(record: { outcome: Outcome }): BridgeResult {
  return { status: 'finished', outcome: record.outcome };
}

async function nodeUp(node: { isUp(): boolean }, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (!node.isUp()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
