import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';

describe('faults: the target answers and hangs up before the bridge (a stalled job, a slow worker)', function () {
  this.timeout(60_000);
  let stack: Stack;
  before(async () => {
    stack = await startStack({ clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 200, hangupAfterMs: 1 } } });
  });
  after(() => stack?.stop());

  it('the caller, still parked, gets the fallback instead of silence, and the target is not rung again', async () => {
    const call = stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Left', disposition: 'NO_ANSWER' });
    const record = await stack.waitForRecord(call, 20_000);
    expect(record.outcome).to.not.equal('caller_hung_up');
    expect(record.outcome).to.equal('failed');
    expect(stack.originatesFor(call)).to.have.length(1);
    // The account's fallback (voicemail): the simulator's voicemail answers, takes a message and hangs up.
    // The transfer may reach the node just after the record is written (another job of the forward ran it).
    const transfers = () => stack.commandsAbout(call).filter((raw) => raw.startsWith(`api uuid_transfer ${call}`));
    for (let i = 0; i < 100 && transfers().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(transfers()).to.have.length(1);
    expect((await stack.ledger.getBalance('platform')).reserved).to.equal(0);
  });
});
