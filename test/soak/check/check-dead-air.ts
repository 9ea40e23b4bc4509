// No dead air: a caller never waited parked longer than the bound of its forward's plan.
import type { History } from '../history/history.js';
import type { HistoryIndex } from './history-index.js';
import { violation, type Violation } from './violation.js';
import { waitBoundMs } from './wait-bound.js';

export function checkDeadAir(history: History, index: HistoryIndex): Violation[] {
  const out: Violation[] = [];
  for (const call of history.calls) {
    const bound = waitBoundMs(history.config, index.docs.get(call.uuid)?.plan);
    const until = call.leftParkAt ?? history.readAt;
    const waited = until - call.parkedAt;
    if (waited > bound) {
      const how = call.leftHow === null ? 'still parked when the history was read' : `then ${call.leftHow}`;
      out.push(violation('no-dead-air', call.uuid, `waited ${Math.round(waited)} ms parked, bound ${bound} ms (${how})`));
    }
  }
  return out;
}
