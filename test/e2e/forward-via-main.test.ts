import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';

describe('e2e 1: no answer at the desk phone -> forwarded via the main number', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 90_000 } } });
  });
  after(() => stack.stop());

  it('originates via main with the main number as caller ID, bridges, and charges once by 60/60', async () => {
    const before = await stack.ledger.getBalance('platform');
    const call = stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Alice Caller', disposition: 'NO_ANSWER' });
    const record = await stack.waitForRecord(call);

    const originates = stack.originatesFor(call);
    expect(originates).to.have.length(1);
    const vars = Object.fromEntries(originates[0]!.vars);
    expect(originates[0]!.dialString).to.equal('sofia/gateway/platform/48601000001');
    expect(vars.origination_caller_id_number).to.equal('48221000000');
    expect(vars.sip_h_Diversion).to.equal(undefined);
    const commands = stack.commandsAbout(call);
    expect(commands.some((c) => c.startsWith(`api uuid_pre_answer ${call}`))).to.equal(true);
    expect(commands.some((c) => c.startsWith(`api uuid_bridge ${call}`))).to.equal(true);

    expect(record).to.deep.include({ outcome: 'answered', viaLine: 'main', viaNumber: '+48221000000', account: 'platform', employee: 'anna', target: TARGETS.anna });
    expect(record.callerIdPresented).to.equal('+48221000000');
    // 90 s of talk at 60/60 is two minutes at 15 a minute (prefix 486).
    expect(record.billedSeconds).to.equal(120);
    expect(record.cost).to.equal(30);
    const after = await stack.ledger.getBalance('platform');
    expect(before.balance - after.balance).to.equal(30);
    expect(after.reserved).to.equal(0);
    expect(await stack.recordings.list()).to.have.length(0);
    await waitFor('settle job handled once', async () => (await stack.ledger.listDebits('platform', 10)).length === 1);
  });
});
