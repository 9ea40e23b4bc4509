import { planFallback, type CallRecord, type Outcome } from '@callfwd/domain';
import type { ForwardRun } from './forward-run.js';
import { buildCallRecord } from './build-call-record.js';

export interface FinishInput {
  outcome: Outcome;
  note: string | null;
  /** False when the caller is gone: no one to give a fallback to. */
  fallback: boolean;
  hangupCause?: string | null;
}

/**
 * Ends a forward that bridged no leg: the caller gets the paying account's fallback (never dead
 * air), and the call record is written. Safe to run again after a crash: the fallback is sent only
 * while the call is still parked, the record is written once.
 */
export async function finishWithoutBridge(run: ForwardRun, input: FinishInput): Promise<CallRecord> {
  if (run.step !== 'fallback') {
    await run.advance('fallback', { outcome: input.outcome, note: input.note ?? '' });
  }
  const outcome = (run.fields.outcome ?? input.outcome) as Outcome;
  if (input.fallback) await sendFallback(run);

  const record = buildCallRecord(run, {
    outcome,
    note: run.fields.note || null,
    hangupCause: input.hangupCause ?? null,
  });
  const { written } = await run.deps.records.put(record);
  if (written) run.deps.metrics.forwardOutcomes.inc({ outcome });
  await run.advance('done');
  run.log.info({ outcome }, 'forward finished without a bridged leg');
  return record;
}

async function sendFallback(run: ForwardRun): Promise<void> {
  const { config } = run.deps;
  const { job, node, log } = run;
  // One channel variable, not `show channels`: that lists every live channel of the node, and under
  // load its reply (megabytes of JSON) blocked the worker's event loop for hundreds of ms per call.
  const application = await node.getVar(job.callUuid, 'current_application');
  if (!application.ok) {
    log.info('caller gone before the fallback');
    return;
  }
  const current = application.reply.trim();
  if (current !== '' && current !== '_undef_' && current !== 'park') {
    log.info({ application: current }, 'fallback already running');
    return;
  }
  const plan = planFallback(config, job.connection);
  const reply = await node.transfer(job.callUuid, plan);
  if (reply.ok) log.info({ fallback: plan.fallback }, 'caller sent to the fallback');
  else log.warn({ error: reply.error }, 'fallback transfer refused');
}
