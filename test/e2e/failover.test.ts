import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';

const BOB = TARGETS.bob.slice(1);
const lines = (stack: Stack, call: string) => stack.originatesFor(call).map((o) => o.dialString.split('/')[2]);

// Rule 7 fails over a failed route (gateway down, congestion), never a person who is busy or does
// not answer: ringing their phone again through another line would be a second ring cycle.
describe('e2e 6: route down -> the next line; busy or no answer -> the fallback at once', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ clockRate: 20 });
  });
  after(() => stack.stop());
  afterEach(() => {
    stack.node('fs1').setGateway('pbx-b', 'up');
    stack.node('fs1').setGateway('platform', 'up');
  });

  it("route down on PBX B: fails over to the main number, which answers and the platform pays", async () => {
    stack.node('fs1').setGateway('pbx-b', 'down');
    stack.node('fs1').setFarEnd(BOB, { kind: 'answer', afterMs: 100, hangupAfterMs: 10_000 });
    const call = stack.placeCall({ connection: 'pbx-a', dialled: '48221110002', callerNumber: '48501234567', callerName: 'F' });
    const record = await stack.waitForRecord(call);
    expect(lines(stack, call)).to.deep.equal(['pbx-b', 'platform']);
    expect(record).to.deep.include({ outcome: 'answered', viaLine: 'main', account: 'platform', callerIdPresented: '+48221000000' });
    expect(record.attempts.map((a) => [a.line, a.outcome])).to.deep.equal([['pbx-b', 'route_down'], ['main', 'answered']]);
  });

  it('busy: no second ring through the next line; the fallback, and a record of the attempt', async () => {
    stack.node('fs1').setFarEnd(BOB, { kind: 'busy' });
    const call = stack.placeCall({ connection: 'pbx-a', dialled: '48221110002', callerNumber: '48501234567', callerName: 'F' });
    const record = await stack.waitForRecord(call);
    expect(lines(stack, call)).to.deep.equal(['pbx-b']);
    expect(record.outcome).to.equal('busy');
    expect(record.attempts.map((a) => [a.line, a.outcome, a.cause])).to.deep.equal([['pbx-b', 'busy', 'USER_BUSY']]);
    // pbx-a is paid by provider-a, whose fallback is an announcement.
    await waitFor('the fallback', () => stack.commandsAbout(call).some((c) => c.startsWith(`api uuid_transfer ${call} 'm:^:answer`)));
    expect(record.cost).to.equal(0);
  });

  it('route down on every line: the fallback, outcome route_down, nothing held', async () => {
    stack.node('fs1').setGateway('pbx-b', 'down');
    stack.node('fs1').setGateway('platform', 'down');
    const call = stack.placeCall({ connection: 'pbx-a', dialled: '48221110002', callerNumber: '48501234567', callerName: 'F' });
    const record = await stack.waitForRecord(call);
    expect(lines(stack, call)).to.deep.equal(['pbx-b', 'platform']);
    expect(record.outcome).to.equal('route_down');
    await waitFor('the fallback', () => stack.commandsAbout(call).some((c) => c.startsWith(`api uuid_transfer ${call}`)));
    const balances = await Promise.all(['platform', 'provider-b'].map((a) => stack.ledger.getBalance(a)));
    expect(balances.map((b) => b.reserved)).to.deep.equal([0, 0]);
  });

  it('no answer: the fallback after one ring cycle, outcome no_answer', async () => {
    stack.node('fs1').setFarEnd(BOB, { kind: 'no_answer' });
    const call = stack.placeCall({ connection: 'pbx-a', dialled: '48221110002', callerNumber: '48501234567', callerName: 'F' });
    const record = await stack.waitForRecord(call, 20_000);
    expect(lines(stack, call)).to.deep.equal(['pbx-b']);
    expect(record.outcome).to.equal('no_answer');
    expect(record.attempts.map((a) => a.cause)).to.deep.equal(['NO_ANSWER']);
    await waitFor('the fallback', () => stack.commandsAbout(call).some((c) => c.startsWith(`api uuid_transfer ${call}`)));
    const balances = await Promise.all(['platform', 'provider-b'].map((a) => stack.ledger.getBalance(a)));
    expect(balances.map((b) => b.reserved)).to.deep.equal([0, 0]);
  });
});
