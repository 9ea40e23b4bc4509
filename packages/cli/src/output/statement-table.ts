import type { CallRecord } from '@callfwd/domain';
import { formatMoney } from './format-money.js';
import { formatTable } from './format-table.js';

function time(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** The detailed statement as a table for people: one line per forwarded call. */
export function formatStatement(records: readonly CallRecord[]): string {
  return formatTable(records, [
    { header: 'started', value: (r) => time(r.startedAt) },
    { header: 'node', value: (r) => r.node },
    { header: 'connection', value: (r) => r.connection },
    { header: 'caller', value: (r) => (r.caller.name === '' ? r.caller.number : `${r.caller.number} (${r.caller.name})`) },
    { header: 'employee', value: (r) => r.employee },
    { header: 'target', value: (r) => r.target },
    { header: 'via', value: (r) => r.viaLine },
    { header: 'caller ID', value: (r) => r.callerIdPresented },
    { header: 'outcome', value: (r) => r.outcome },
    // Every leg: its follow-me step and number when the forward rang more than one, its line and outcome.
    { header: 'attempts', value: (r) => r.attempts.map((a) => attemptText(a, r.attempts)).join(' > ') },
    { header: 'billed s', value: (r) => r.billedSeconds, right: true },
    { header: 'cost', value: (r) => formatMoney(r.cost, r.currency), right: true },
    { header: 'account', value: (r) => r.account },
    { header: 'recording', value: (r) => r.recording?.file },
    { header: 'caller ID why / note', value: (r) => [r.callerIdReason, r.note].filter((t) => t !== null && t !== '').join(' | ') },
  ]);
}

/** `main:answered`; with follow-me, `2:+48601000009@main:answered` (step, number, line, outcome). */
function attemptText(a: CallRecord['attempts'][number], all: CallRecord['attempts']): string {
  const followMe = new Set(all.map((x) => x.target ?? '')).size > 1;
  const where = followMe && a.target !== undefined && a.target !== null ? `${(a.step ?? 0) + 1}:${a.target}@` : '';
  return `${where}${a.line}:${a.outcome}`;
}
