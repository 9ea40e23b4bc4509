import { findLine, parseCallRecord, type CallAttempt, type CallRecord, type Config, type Outcome } from '@callfwd/domain';
import type { ForwardFields, Leg } from './forward-fields.js';

export interface RecordOutcome {
  outcome: Outcome;
  note: string | null;
  hangupCause: string | null;
  answeredAt?: number | null;
  endedAt?: number | null;
  billedSeconds?: number;
  cost?: number;
  recording?: { file: string; seconds: number | null } | null;
}

interface RecordSource {
  readonly fields: ForwardFields;
  readonly deps: { readonly config: Config; readonly now: () => number };
}

/**
 * The detailed statement of a forward (PRODUCT.md), from what its job state holds. The via line
 * is the bridged leg's, else the last line tried. Validated against the domain's schema: a record
 * that does not fit is a bug, and throws.
 */
export function buildCallRecord(source: RecordSource, out: RecordOutcome): CallRecord {
  const { fields, deps } = source;
  const draft = fields.draft;
  if (draft === null) throw new Error('a call record needs the planned forward (draft)');
  const legs = fields.legs;
  const viaLeg: Leg | undefined =
    legs.find((l) => l.legUuid !== null && l.legUuid === fields.bridgedLeg) ?? legs[legs.length - 1];
  const viaLine = viaLeg ? findLine(deps.config, viaLeg.line) : undefined;
  const account = viaLeg ? viaLeg.account : null;
  const currency = account ? (deps.config.accounts.find((a) => a.id === account)?.currency ?? null) : null;
  const attempts: CallAttempt[] = legs
    .filter((l): l is Leg & { legUuid: string } => l.legUuid !== null)
    .map((l) => ({ line: l.line, legUuid: l.legUuid, outcome: l.outcome ?? out.outcome, cause: l.cause }));

  const record: CallRecord = {
    callUuid: draft.callUuid,
    node: draft.node,
    connection: draft.connection,
    caller: { number: bounded(draft.caller.number, 256), name: bounded(draft.caller.name, 256) },
    dialled: bounded(draft.dialled, 64),
    employee: draft.employee,
    target: draft.target,
    viaLine: viaLine?.id ?? null,
    viaNumber: viaLine?.number ?? null,
    callerIdPresented: viaLeg?.callerId ?? null,
    callerIdReason: viaLeg?.callerIdReason ?? null,
    diversion: viaLeg?.diversion ?? null,
    startedAt: draft.startedAt,
    answeredAt: out.answeredAt ?? null,
    endedAt: out.endedAt ?? deps.now(),
    billedSeconds: out.billedSeconds ?? 0,
    cost: out.cost ?? 0,
    currency,
    account,
    outcome: out.outcome,
    hangupCause: out.hangupCause,
    recording: out.recording ?? null,
    attempts,
    note: out.note === null ? null : bounded(out.note, 1024),
  };
  const checked = parseCallRecord(record);
  if (!checked.ok) throw new Error(`call record for ${draft.callUuid} does not fit the schema: ${checked.error}`);
  return checked.record;
}

function bounded(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
