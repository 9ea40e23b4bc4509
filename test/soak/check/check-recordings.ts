// Every recording listed belongs to an answered call of an account that records all calls, and
// started at the target's answer (as the node saw it).
import { findAccount } from '@callfwd/domain';
import type { History } from '../history/history.js';
import type { HistoryIndex } from './history-index.js';
import { violation, type Violation } from './violation.js';

/** How far a recording's start may be from the node's answer (clock reads of two processes). */
export const RECORDING_START_SLACK_MS = 2_000;

export function checkRecordings(history: History, index: HistoryIndex): Violation[] {
  const out: Violation[] = [];
  for (const recording of history.recordings) {
    const call = recording.callUuid;
    const record = history.records.find((r) => r.callUuid === call);
    if (record === undefined || record.outcome !== 'answered') {
      out.push(violation('recording-belongs', call, `recorded, but the call's record is ${record === undefined ? 'missing' : record.outcome}`));
      continue;
    }
    const account = findAccount(history.config, recording.account);
    if (account === undefined || !account.recordAllCalls || record.account !== recording.account) {
      out.push(violation('recording-belongs', call, `recorded on ${recording.account}, which does not record all calls or did not pay for the call (${record.account ?? 'none'})`));
      continue;
    }
    const bridged = (index.legsByCall.get(call) ?? []).find((l) => l.bridgedAt !== null && l.answeredAt !== null);
    if (bridged === undefined) {
      out.push(violation('recording-belongs', call, 'recorded, but no leg of the call was bridged on the node'));
    } else if (Math.abs(recording.startedAt - (bridged.answeredAt as number)) > RECORDING_START_SLACK_MS) {
      out.push(violation('recording-belongs', call, `recording started ${recording.startedAt - (bridged.answeredAt as number)} ms from the answer of leg ${bridged.uuid}`));
    }
  }
  return out;
}
