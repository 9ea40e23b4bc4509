import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';

describe('e2e 3: forward-via a rented number, and via a connected number', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      farEnds: {
        [TARGETS.carol.slice(1)]: { kind: 'answer', afterMs: 200, hangupAfterMs: 30_000 },
        [TARGETS.dave.slice(1)]: { kind: 'answer', afterMs: 200, hangupAfterMs: 61_000 },
      },
    });
  });
  after(() => stack.stop());

  it('a call to the rented number leaves through that number itself, on the platform balance', async () => {
    const before = await stack.ledger.getBalance('platform');
    const call = stack.placeCall({ connection: 'sales', dialled: '48225550000', callerNumber: '48501234567', callerName: 'C' });
    const record = await stack.waitForRecord(call);
    const [originate] = stack.originatesFor(call);
    expect(originate!.dialString).to.equal('sofia/gateway/platform/48601000003');
    expect(Object.fromEntries(originate!.vars).origination_caller_id_number).to.equal('48225550000');
    expect(record).to.deep.include({ outcome: 'answered', viaLine: 'sales', viaNumber: '+48225550000', account: 'platform', billedSeconds: 60, cost: 15 });
    expect(before.balance - (await stack.ledger.getBalance('platform')).balance).to.equal(15);
  });

  it('a PBX connection whose forward-via is the connected office number leaves through its route', async () => {
    const before = await stack.ledger.getBalance('platform');
    const call = stack.placeCall({ connection: 'pbx-c', dialled: '48221130001', callerNumber: '48501234567', callerName: 'D' });
    const record = await stack.waitForRecord(call);
    const [originate] = stack.originatesFor(call);
    expect(originate!.dialString).to.equal('sofia/gateway/platform-backup/48601000004');
    expect(Object.fromEntries(originate!.vars).origination_caller_id_number).to.equal('48223330000');
    // 61 s at 60/60 is two minutes at 15.
    expect(record).to.deep.include({ outcome: 'answered', viaLine: 'office', account: 'platform', billedSeconds: 120, cost: 30 });
    expect(before.balance - (await stack.ledger.getBalance('platform')).balance).to.equal(30);
    expect((await stack.ledger.getBalance('provider-c')).balance).to.equal(100000);
  });
});
