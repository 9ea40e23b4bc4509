import { rateCall } from '../billing/rate-call.js';
import type { Config } from '../config/config-schema.js';
import { findAccount, findLine, findTariff } from '../config/config-lookup.js';
import { parseCallRecord, type CallRecord } from '../records/call-record.js';
import { isE164 } from '../values/e164.js';
import { legTarget } from './forward-context.js';
import type { ForwardLeg, ForwardState } from './forward-state.js';

/**
 * The detailed statement of a forward (PRODUCT.md), from its final state. The via line is the
 * bridged leg's, else the last line tried. Validated against the record schema: a record that
 * does not fit is a bug, and throws.
 */
export function buildForwardRecord(config: Config, state: ForwardState, now: number): CallRecord {
  const call = state.call;
  const legs = state.legs;
  const bridged = legs.find((l) => l.bridgedAt !== null && l.answeredAt !== null);
  const viaLeg: ForwardLeg | undefined = bridged ?? legs[legs.length - 1];
  const viaLine = viaLeg === undefined ? undefined : findLine(config, viaLeg.line);
  const account = viaLeg === undefined ? undefined : findAccount(config, viaLeg.account);
  const outcome = bridged !== undefined ? 'answered' : (state.outcome ?? 'failed');
  const cost = legs.reduce((sum, l) => sum + (l.cost ?? 0), 0);
  const billedSeconds = legs.reduce((sum, l) => sum + chargedSeconds(config, state, l), 0);
  const cut = bridged?.cause === 'ALLOTTED_TIMEOUT';
  const warned = bridged?.warnAt !== null && bridged?.warnAt !== undefined && bridged.answeredAt !== null
    ? `; the low-balance tone was played to both parties at ${Math.round((bridged.warnAt - bridged.answeredAt) / 1000)} s`
    : '';
  const note = cut
    ? `cut at ${bridged.coveredSeconds} s: what the balance of ${bridged.account} covered${warned}`
    : outcome === 'answered'
      ? null
      : state.note;
  const record: CallRecord = {
    callUuid: call.callUuid,
    node: call.node,
    connection: call.connection,
    caller: { number: call.callerNumber, name: call.callerName },
    dialled: call.dialled,
    employee: state.plan?.employee ?? null,
    // The number that answered; else the plan's first.
    target: viaTarget(state, bridged),
    viaLine: viaLine?.id ?? null,
    viaNumber: viaLine?.number ?? null,
    callerIdPresented: viaLeg === undefined || viaLeg.callerIdNumber === '' ? null : `+${viaLeg.callerIdNumber}`,
    callerIdReason: viaLeg === undefined || viaLeg.callerIdReason === '' ? null : viaLeg.callerIdReason,
    diversion: viaLeg?.diversion ?? null,
    startedAt: call.parkedAt,
    answeredAt: bridged?.answeredAt ?? null,
    endedAt: bridged?.endedAt ?? now,
    billedSeconds,
    cost,
    currency: account?.currency ?? null,
    account: account?.id ?? null,
    outcome,
    hangupCause: bridged?.cause ?? state.hangupCause,
    recording:
      outcome === 'answered' && state.recording !== null ? { file: state.recording, seconds: bridged?.billsec ?? null } : null,
    // The legs placed on the node; a line refused for credit before anything was placed is in the note.
    attempts: legs
      .filter((l) => l.originatedAt !== null)
      .map((l) => {
        const number = legTarget(state, l);
        return { line: l.line, legUuid: l.legUuid, target: isE164(number) ? number : null, step: l.step, outcome: l.outcome ?? outcome, cause: l.cause };
      }),
    note: note === null ? null : note.slice(0, 1024),
  };
  const checked = parseCallRecord(record);
  if (!checked.ok) throw new Error(`call record for ${call.callUuid} does not fit the schema: ${checked.error}`);
  return checked.record;
}

function viaTarget(state: ForwardState, bridged: ForwardLeg | undefined): string | null {
  const number = bridged !== undefined ? legTarget(state, bridged) : (state.plan?.target ?? '');
  return isE164(number) ? number : null;
}

function chargedSeconds(config: Config, state: ForwardState, leg: ForwardLeg): number {
  const tariff = findTariff(config, leg.tariff);
  const target = legTarget(state, leg);
  if (leg.billsec === null || leg.cost === null || tariff === undefined || !isE164(target)) return 0;
  const rating = rateCall(tariff, target, Math.min(leg.billsec, leg.coveredSeconds > 0 ? leg.coveredSeconds : leg.billsec));
  return rating.ok ? rating.chargedSeconds : 0;
}
