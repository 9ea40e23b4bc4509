import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';

describe('e2e 2: a PBX connection whose forward-via is another PBX', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ clockRate: 20, farEnds: { [TARGETS.bob.slice(1)]: { kind: 'answer', afterMs: 500, hangupAfterMs: 90_000 } } });
  });
  after(() => stack.stop());

  it("leaves through that PBX's route, shows its number, sends Diversion, and that PBX's account pays", async () => {
    const [a0, b0] = await Promise.all([stack.ledger.getBalance('provider-a'), stack.ledger.getBalance('provider-b')]);
    const call = stack.placeCall({ connection: 'pbx-a', dialled: '+48221110002', callerNumber: '48501234567', callerName: 'Bea Caller' });
    const record = await stack.waitForRecord(call);

    const [originate, ...more] = stack.originatesFor(call);
    expect(more).to.have.length(0);
    expect(originate!.dialString).to.equal('sofia/gateway/pbx-b/48601000002');
    const vars = Object.fromEntries(originate!.vars);
    expect(vars.origination_caller_id_number).to.equal('48221120000');
    expect(vars.sip_h_Diversion).to.equal('<tel:+48221110002>;reason=unconditional;counter=1');
    expect(vars.callfwd_parent).to.equal(call);

    expect(record).to.deep.include({ outcome: 'answered', connection: 'pbx-a', viaLine: 'pbx-b', account: 'provider-b', currency: 'PLN' });
    expect(record.diversion).to.equal('<tel:+48221110002>;reason=unconditional;counter=1');
    // pbx-pln: 60/1 increments, connect fee 10, 20 a minute: 90 s = 10 + 30.
    expect(record.billedSeconds).to.equal(90);
    expect(record.cost).to.equal(40);
    const [a1, b1] = await Promise.all([stack.ledger.getBalance('provider-a'), stack.ledger.getBalance('provider-b')]);
    expect(a1.balance).to.equal(a0.balance);
    expect(b0.balance - b1.balance).to.equal(40);
  });
});
