import { expect } from 'chai';
import {
  planBalanceRepair,
  type BalancePlan,
  type LiveBalance,
} from '../../src/reconcile/plan-balance-repair.js';

const live = (balance: number, reserved = 0): LiveBalance => ({
  balance,
  reserved,
  available: Math.max(0, balance - reserved),
});

describe('planBalanceRepair', () => {
  const rows: [string, number, LiveBalance, BalancePlan][] = [
    ['equal', 500, live(500), { difference: 0, repair: null }],
    [
      'equal with holds pending (holds are not in the journal nor in balance)',
      500,
      live(500, 300),
      { difference: 0, repair: null },
    ],
    [
      'live too high: a charge the live side missed',
      400,
      live(500),
      { difference: 100, repair: { kind: 'debit', amount: 100 } },
    ],
    [
      'live too low: a correction credited in the journal only',
      700,
      live(500, 50),
      { difference: -200, repair: { kind: 'credit', amount: 200 } },
    ],
    ['live at zero, record above', 12, live(0), { difference: -12, repair: { kind: 'credit', amount: 12 } }],
  ];
  for (const [name, ofRecord, balance, want] of rows) {
    it(name, () => {
      expect(planBalanceRepair(ofRecord, balance)).to.deep.equal(want);
    });
  }
});
