// Each answered leg charged exactly once, for its billed seconds under its tariff; no leg that
// never answered charged.
import type { History } from '../history/history.js';
import { expectedCost } from './expected-cost.js';
import { chargesOf, type HistoryIndex } from './history-index.js';
import { violation, type Violation } from './violation.js';

export function checkCharges(history: History, index: HistoryIndex): Violation[] {
  const out: Violation[] = [];
  for (const [legUuid, legs] of index.legsByUuid) {
    const leg = legs[0]!;
    const debits = index.debitsByLeg.get(legUuid) ?? [];
    if (leg.answeredAt === null) {
      const charged = debits.filter((d) => d.amount > 0);
      if (charged.length > 0) out.push(violation('unanswered-not-charged', leg.parent, `leg ${legUuid} never answered, charged ${charged.map((d) => d.amount).join(' + ')}`));
      continue;
    }
    if (leg.billsec === null) {
      out.push(violation('charged-once', leg.parent, `leg ${legUuid} answered and never ended on the node (${debits.length} debits)`));
      continue;
    }
    if (debits.length === 0 && leg.billsec === 0) continue;
    if (debits.length !== 1) {
      out.push(violation('charged-once', leg.parent, `leg ${legUuid} answered (billsec ${leg.billsec}), ${debits.length} debits`));
      continue;
    }
    const debit = debits[0]!;
    const expected = expectedCost(history.config, leg, leg.billsec);
    if (!expected.ok) {
      out.push(violation('charged-right', leg.parent, `leg ${legUuid}: ${expected.reason}`));
    } else if (debit.account !== expected.account || debit.cost !== expected.cost) {
      out.push(
        violation(
          'charged-right',
          leg.parent,
          `leg ${legUuid}: node billsec ${leg.billsec} costs ${expected.cost} on ${expected.account}; charged cost ${debit.cost} on ${debit.account} (billsec ${debit.billsec ?? '?'})`,
        ),
      );
    }
  }
  const placed = new Set(index.legsByUuid.keys());
  for (const debit of chargesOf(history)) {
    if (!placed.has(debit.leg) && debit.amount > 0) {
      out.push(violation('unanswered-not-charged', debit.callUuid ?? `account:${debit.account}`, `leg ${debit.leg} no node placed, charged ${debit.amount}`));
    }
  }
  return out;
}
