import { findAccount, findTariff, parseSettleJob, rateCall, type SettleJob } from '@callfwd/domain';
import { buildCallRecord } from '../bridge/build-call-record.js';
import { readForwardFields, type ForwardFields, type Leg } from '../bridge/forward-fields.js';
import { RetryableError, unrecoverable } from '../errors.js';
import type { WorkerDeps } from '../worker-deps.js';

export type SettleResult =
  | { status: 'charged'; cost: number; alreadySettled: boolean }
  | { status: 'released' }
  | { status: 'unknown_forward' };

/**
 * The `settle` job: a forwarded leg hung up. The bridged leg is rated by its paying account's
 * tariff and debited exactly once (one Lua script keyed by the leg), and the call record is
 * written; a leg that never bridged only gives its credit hold back.
 */
export async function processSettle(deps: WorkerDeps, data: unknown, jobId: string): Promise<SettleResult> {
  const parsed = parseSettleJob(data);
  if (!parsed.ok) throw unrecoverable(`bad settle job payload: ${parsed.error}`);
  const job = parsed.job;
  const log = deps.log.child({ node: job.node, callUuid: job.callUuid, legUuid: job.legUuid, jobId });

  const state = await deps.jobState.get(job.node, job.callUuid);
  if (!state) {
    log.warn('settle for a leg of no known forward');
    return { status: 'unknown_forward' };
  }
  const fields = readForwardFields(state.fields);
  const leg = fields.legs.find((l) => l.legUuid === job.legUuid);
  if (!leg) {
    if (state.step === 'claimed' || state.step === 'reserved') throw new RetryableError('forward not yet recorded this leg');
    throw unrecoverable(`leg ${job.legUuid} is not a leg of forward ${job.callUuid}`);
  }
  if (fields.bridgedLeg === job.legUuid) return settleBridged(deps, job, fields, leg, log);
  const current = fields.legs[fields.legs.length - 1];
  if (state.step === 'originating' && current?.legUuid === job.legUuid) {
    // The bridge job is still deciding about this leg (answered a moment ago?): come back later.
    throw new RetryableError(`forward ${job.callUuid} is still placing leg ${job.legUuid}`);
  }
  await deps.ledger.release(leg.account, job.legUuid);
  log.debug('hold released for a leg that never bridged');
  return { status: 'released' };
}

async function settleBridged(
  deps: WorkerDeps,
  job: SettleJob,
  fields: ForwardFields,
  leg: Leg,
  log: WorkerDeps['log'],
): Promise<SettleResult> {
  const account = findAccount(deps.config, leg.account);
  const tariff = account ? findTariff(deps.config, account.tariff) : undefined;
  const target = fields.draft?.target;
  if (!account || !tariff || !target) throw unrecoverable(`cannot rate leg ${job.legUuid}: account, tariff or target missing`);
  const billsec = Math.min(job.billsec, leg.maxSeconds > 0 ? leg.maxSeconds : job.billsec);
  const rating = rateCall(tariff, target, billsec);
  const cost = rating.ok ? rating.cost : 0;
  const charged = await deps.ledger.settle(account.id, job.legUuid, cost, {
    at: job.endedAt,
    meta: { callUuid: job.callUuid, billsec, node: job.node },
  });
  if (charged.conflict) deps.metrics.ledgerConflicts.inc({ kind: 'cost_above_hold' });

  const cut = job.hangupCause === 'ALLOTTED_TIMEOUT';
  const record = buildCallRecord(
    { fields, deps },
    {
      outcome: 'answered',
      note: cut ? `cut at ${leg.maxSeconds} s: what the balance of ${account.id} covered` : null,
      hangupCause: job.hangupCause,
      answeredAt: job.answeredAt ?? fields.answeredAt,
      endedAt: job.endedAt,
      billedSeconds: rating.ok ? rating.chargedSeconds : billsec,
      cost: charged.charged,
      recording: fields.recording ? { file: fields.recording, seconds: billsec } : null,
    },
  );
  const { written } = await deps.records.put(record);
  if (fields.recording) {
    await deps.recordings.add({
      callUuid: job.callUuid,
      file: fields.recording,
      account: account.id,
      startedAt: record.answeredAt ?? record.startedAt,
      seconds: billsec,
    });
  }
  await deps.jobState.markSettled(job.node, job.callUuid);
  await deps.jobState.removeBridgedLeg(job.node, job.callUuid, job.legUuid);
  if (written) deps.metrics.forwardOutcomes.inc({ outcome: 'answered' });
  log.info({ cost: charged.charged, billsec, alreadySettled: charged.alreadySettled }, 'forward settled');
  return { status: 'charged', cost: charged.charged, alreadySettled: charged.alreadySettled };
}
