// The soak's summary table: calls, faults by kind, violations by invariant, and park-to-originate
// latency during faults and outside them.
import type { CheckResult } from '../check/check-history.js';
import { INVARIANTS } from '../check/violation.js';
import type { History } from '../history/history.js';
import type { FaultEntry } from './fault-scheduler.js';
import { FAULT_KINDS } from './soak-args.js';

/** A call parked within this long after a fault ended still counts as during it (recovery). */
export const FAULT_TAIL_MS = 5_000;

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function parkToOriginate(history: History, faults: readonly FaultEntry[]): { during: number[]; outside: number[] } {
  const first = new Map<string, number>();
  for (const leg of history.legs) first.set(leg.parent, Math.min(first.get(leg.parent) ?? Infinity, leg.originatedAt));
  const during: number[] = [];
  const outside: number[] = [];
  for (const call of history.calls) {
    const at = first.get(call.uuid);
    if (at === undefined) continue;
    const inFault = faults.some((f) => call.parkedAt >= f.startedAt && call.parkedAt <= f.endedAt + FAULT_TAIL_MS);
    (inFault ? during : outside).push(Math.max(0, at - call.parkedAt));
  }
  return { during: during.sort((a, b) => a - b), outside: outside.sort((a, b) => a - b) };
}

const fmt = (n: number | null) => (n === null ? '-' : `${Math.round(n)} ms`);

export function formatSummary(input: {
  history: History;
  result: CheckResult;
  faults: readonly FaultEntry[];
  placed: number;
  perScenario: Readonly<Record<string, number>>;
  seed: number;
  pgNote: string;
}): string {
  const { history, result, faults } = input;
  const outcomes = new Map<string, number>();
  for (const r of history.records) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
  const latency = parkToOriginate(history, faults);
  const rows: Array<[string, string]> = [
    ['seed', String(input.seed)],
    ['calls placed', String(input.placed)],
    ['calls parked (seen by the nodes)', String(history.calls.length)],
    ['legs originated', String(history.legs.length)],
    ...Object.entries(input.perScenario).map(([k, v]): [string, string] => [`  scenario ${k}`, String(v)]),
    ...[...outcomes].map(([k, v]): [string, string] => [`  record outcome ${k}`, String(v)]),
    ['faults', String(faults.length)],
    ...FAULT_KINDS.map((k): [string, string] => [`  fault ${k}`, String(faults.filter((f) => f.kind === k).length)]),
    ['violations', String(result.violations.length)],
    ...INVARIANTS.map((i): [string, string] => [`  ${i}`, result.skipped.some((s) => s.invariant === i && i !== 'one-record') ? 'skipped' : String(result.byInvariant[i])]),
    ['park-to-originate during faults p50 / p99', `${fmt(percentile(latency.during, 50))} / ${fmt(percentile(latency.during, 99))} (${latency.during.length} calls)`],
    ['park-to-originate outside faults p50 / p99', `${fmt(percentile(latency.outside, 50))} / ${fmt(percentile(latency.outside, 99))} (${latency.outside.length} calls)`],
    ['PostgreSQL', input.pgNote],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = ['SOAK SUMMARY', ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)];
  for (const s of result.skipped) lines.push(`note: ${s.invariant}: ${s.reason}`);
  return lines.join('\n');
}
