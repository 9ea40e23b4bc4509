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
    debitsByLeg: groupBy(history.debits, (d) => d.leg),
    docs: new Map(history.docs.map((d) => [d.callUuid, d])),
  };
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
