import { expect } from 'chai';
import { CallRecordSchema } from '@callfwd/domain';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';

const parseCallRecord = (r: unknown) => CallRecordSchema.parse(r);

describe('e2e 8: fifty simultaneous calls on an account with credit for ten', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      farEnds: { [TARGETS.erin.slice(1)]: { kind: 'answer', afterMs: 200, hangupAfterMs: 30_000 } },
      editConfig: (input) => {
        // Each call may last a minute (10); 100 pays for ten of them.
        for (const account of input.accounts) {
          if (account.id === 'tight') Object.assign(account, { openingBalance: 100, maxCallSeconds: 60 });
        }
      },
    });
  });
  after(() => stack.stop());

  it('forwards at most ten, and the balance never goes below zero', async () => {
    const calls = Array.from({ length: 50 }, (_, i) =>
      stack.placeCall({ connection: 'pbx-e', dialled: '48221150001', callerNumber: `4850123${String(i).padStart(4, '0')}`, callerName: 'H' }),
    );
    let lowest = Infinity;
    const records = await waitFor(
      'every call recorded',
      async () => {
        lowest = Math.min(lowest, (await stack.ledger.getBalance('tight')).balance);
        const all = await Promise.all(calls.map((c) => stack.records.get(c)));
        return all.every((r) => r !== null) ? all.map((r) => parseCallRecord(r)) : undefined;
      },
      30_000,
      50,
    );
    const answered = records.filter((r) => r.outcome === 'answered');
    const refused = records.filter((r) => r.outcome === 'insufficient_credit');
    const originated = calls.filter((c) => stack.originatesFor(c).length > 0);
    expect(originated.length).to.be.at.most(10);
    expect(answered.length).to.equal(originated.length);
    expect(answered.length + refused.length).to.equal(50);
    expect(lowest).to.be.at.least(0);
    const after = await stack.ledger.getBalance('tight');
    const charged = answered.reduce((sum, r) => sum + r.cost, 0);
    expect(after.balance).to.equal(100 - charged);
    expect(after.balance).to.be.at.least(0);
    expect(after.reserved).to.equal(0);
  });
});
