// Lookups over a history that several invariants share.
import type { ForwardDocView, History, HistoryDebit, SimLeg } from '../history/history.js';

export interface HistoryIndex {
  readonly legsByCall: ReadonlyMap<string, readonly SimLeg[]>;
  readonly legsByUuid: ReadonlyMap<string, readonly SimLeg[]>;
  readonly debitsByLeg: ReadonlyMap<string, readonly HistoryDebit[]>;
  readonly docs: ReadonlyMap<string, ForwardDocView>;
}

export function indexHistory(history: History): HistoryIndex {
  return {
    legsByCall: groupBy(history.legs, (l) => l.parent),
    legsByUuid: groupBy(history.legs, (l) => l.uuid),
    debitsByLeg: groupBy(chargesOf(history), (d) => d.leg),
    docs: new Map(history.docs.map((d) => [d.callUuid, d])),
  };
}

/**
 * The charges: with PostgreSQL, its journal (the system of record: Redis keeps only the newest
 * 1,000 debits of an account once PostgreSQL holds the journal); without, Redis' debit log.
 */
export function chargesOf(history: History): HistoryDebit[] {
  if (history.pg === null) return [...history.debits];
  return history.pg.journal
    .filter((row) => row.kind === 'charge')
    .map((row) => ({ account: row.account, leg: row.leg ?? row.id, amount: -row.amount, cost: -row.amount, at: 0, callUuid: row.callUuid, billsec: null }));
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}
