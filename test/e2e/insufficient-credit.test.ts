import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

describe('e2e 4: not enough credit on the paying account', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ clockRate: 20 }); // "tight" opens at 0
  });
  after(() => stack.stop());

  it('places no outbound leg, gives the fallback, records insufficient_credit, charges nothing', async () => {
    const call = stack.placeCall({ connection: 'pbx-e', dialled: '48221150001', callerNumber: '48501234567', callerName: 'E' });
    const record = await stack.waitForRecord(call);
    expect(stack.node('fs1').originates()).to.have.length(0);
    expect(record).to.deep.include({ outcome: 'insufficient_credit', employee: 'erin', viaLine: 'pbx-d', account: 'tight', cost: 0, billedSeconds: 0, recording: null });
    expect(record.attempts).to.deep.equal([]);
    // pbx-e is paid by provider-c, whose fallback is voicemail.
    await waitFor('the fallback transfer', () => stack.commandsAbout(call).some((c) => c === `api uuid_transfer ${call} voicemail XML default`));
    expect(await stack.ledger.getBalance('tight')).to.deep.equal({ balance: 0, reserved: 0, available: 0 });
    expect(await stack.ledger.listDebits('tight', 10)).to.have.length(0);
  });
});
