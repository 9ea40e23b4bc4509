// Every parked tagged call ended with exactly one call record (Redis; and PostgreSQL when given).
import type { History } from '../history/history.js';
import { violation, type Violation } from './violation.js';

export function checkRecords(history: History): Violation[] {
  const out: Violation[] = [];
  const redisCounts = new Map<string, number>();
  for (const r of history.records) redisCounts.set(r.callUuid, (redisCounts.get(r.callUuid) ?? 0) + 1);
  const parked = new Set(history.calls.map((c) => c.uuid));
  for (const call of history.calls) {
    const n = redisCounts.get(call.uuid) ?? 0;
    if (n !== 1) out.push(violation('one-record', call.uuid, `${n} call records in Redis (node ${call.node})`));
    if (history.pg !== null) {
      const m = history.pg.callRecordCounts[call.uuid] ?? 0;
      if (m !== 1) out.push(violation('one-record', call.uuid, `${m} call_records rows in PostgreSQL`));
    }
  }
  for (const uuid of redisCounts.keys()) {
    if (!parked.has(uuid)) out.push(violation('one-record', uuid, 'a call record for a call no node parked'));
  }
  return out;
}
