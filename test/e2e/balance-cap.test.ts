import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';

describe('e2e 7: a balance that covers three minutes', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 100,
      // tight-eur: 10 a minute, 60/60: 30 covers exactly 180 s. The target would talk for an hour.
      farEnds: { [TARGETS.erin.slice(1)]: { kind: 'answer', afterMs: 100, hangupAfterMs: 3_600_000 } },
      editConfig: (input) => {
        for (const account of input.accounts) if (account.id === 'tight') account.openingBalance = 30;
      },
    });
  });
  after(() => stack.stop());

  it('cuts the call at three minutes, and it never costs more than the balance', async () => {
    const call = stack.placeCall({ connection: 'pbx-e', dialled: '48221150001', callerNumber: '48501234567', callerName: 'G' });
    const record = await stack.waitForRecord(call, 20_000);
    const [originate] = stack.originatesFor(call);
    const leg = Object.fromEntries(originate!.vars).origination_uuid as string;
    // The first slice (300 s) could be held only in part: 30 pays for 180 s, and the cap is there.
    expect(stack.commandsAbout(leg)).to.include(`api sched_api +180 cf-cap-${leg}-1 uuid_kill ${leg} ALLOTTED_TIMEOUT`);
    expect(record).to.deep.include({ outcome: 'answered', hangupCause: 'ALLOTTED_TIMEOUT', billedSeconds: 180, cost: 30 });
    expect(record.note).to.match(/cut at 180 s/);
    expect(await stack.ledger.getBalance('tight')).to.deep.equal({ balance: 0, reserved: 0, available: 0 });
  });
});
