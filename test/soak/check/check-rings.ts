// No target rang twice for one forward step (same step, target and line); at most one leg bridged per call.
import type { History } from '../history/history.js';
import type { HistoryIndex } from './history-index.js';
import { violation, type Violation } from './violation.js';

export function checkRings(history: History, index: HistoryIndex): Violation[] {
  const out: Violation[] = [];
  for (const [call, legs] of index.legsByCall) {
    const doc = index.docs.get(call);
    const record = history.records.find((r) => r.callUuid === call);
    const counts = new Map<string, number>();
    for (const leg of legs) {
      const planned = doc?.legs.find((l) => l.legUuid === leg.uuid);
      const attempt = record?.attempts.find((a) => a.legUuid === leg.uuid);
      const step = planned?.step ?? attempt?.step ?? '?';
      const key = `step ${step} target ${leg.target} line ${leg.line}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, n] of counts) if (n > 1) out.push(violation('one-ring-per-step', call, `${key} rang ${n} times`));
  }
  return out;
}

export function checkBridges(_history: History, index: HistoryIndex): Violation[] {
  const out: Violation[] = [];
  for (const [call, legs] of index.legsByCall) {
    const bridged = new Set(legs.filter((l) => l.bridgedAt !== null).map((l) => l.uuid));
    if (bridged.size > 1) out.push(violation('one-bridge', call, `${bridged.size} legs bridged: ${[...bridged].join(', ')}`));
  }
  return out;
}
