import { findAccount, findFallback, findLine, type CallRecord, type Outcome } from '@callfwd/domain';
import type { TransferTarget } from '@callfwd/freeswitch';
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
  const channels = await node.showChannels();
  const row = channels.ok ? channels.rows.find((r) => r.uuid === job.callUuid) : undefined;
  if (!row) {
    log.info('caller gone before the fallback');
    return;
  }
  if (row.raw.application !== undefined && row.raw.application !== '' && row.raw.application !== 'park') {
    log.info({ application: row.raw.application }, 'fallback already running');
    return;
  }
  const line = findLine(config, job.connection);
  const account = line ? findAccount(config, line.account) : undefined;
  const fallback = account ? findFallback(config, account.fallback) : undefined;
  const target: TransferTarget =
    fallback?.kind === 'transfer'
      ? { kind: 'extension', extension: fallback.extension, dialplan: fallback.dialplan, context: fallback.context }
      : {
          kind: 'inline',
          apps: [
            ['answer', ''],
            ['playback', fallback?.sound ?? 'ivr/ivr-call_cannot_be_completed_as_dialed.wav'],
            ['hangup', fallback?.hangupCause ?? 'NORMAL_TEMPORARY_FAILURE'],
          ],
        };
  const reply = await node.transfer(job.callUuid, target);
  if (reply.ok) log.info({ fallback: fallback?.id ?? 'built-in' }, 'caller sent to the fallback');
  else log.warn({ error: reply.error }, 'fallback transfer refused');
}
