import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';

const CALLS = 200;
/** The tight account pays for 20 one-minute forwards: 10 a minute, 60/60, calls capped at 60 s. */
const AFFORDABLE = 20;
const OPENING = AFFORDABLE * 10;

describe('faults: 200 simultaneous forwards on an account that can pay for 20', function () {
  this.timeout(120_000);
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      farEnds: { [TARGETS.erin.slice(1)]: { kind: 'answer', afterMs: 200, hangupAfterMs: 30_000 } },
      editConfig: (input) => {
        const tight = input.accounts.find((a) => a.id === 'tight')!;
        tight.openingBalance = OPENING;
        tight.maxCallSeconds = 60;
      },
    });
  });
  after(() => stack?.stop());

  it('forwards at most 20, never overdraws, and the charges add up to the fall of the balance', async () => {
    const start = await stack.ledger.getBalance('tight');
    expect(start).to.deep.equal({ balance: OPENING, reserved: 0, available: OPENING });
    let lowest = start.balance;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const b = await stack.ledger.getBalance('tight');
        lowest = Math.min(lowest, b.balance, b.available);
        expect(b.reserved).to.be.at.most(b.balance);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    // Whole forwards, all at once: erin's calls leave via pbx-d, which the tight account pays for.
    const calls = Array.from({ length: CALLS }, () =>
      stack.placeCall({ connection: 'pbx-e', dialled: '48221150001', callerNumber: '48221234567', callerName: 'Racer' }),
    );
    const records = await Promise.all(calls.map((c) => stack.waitForRecord(c, 60_000)));
    await waitFor('every forwarded leg settled', async () => (await stack.ledger.getBalance('tight')).reserved === 0, 30_000);
    watching = false;
    await watch;

    const answered = records.filter((r) => r.outcome === 'answered');
    const refused = records.filter((r) => r.outcome === 'insufficient_credit');
    expect(answered.length).to.be.at.most(AFFORDABLE);
    // Each forward costs the same 10, so the whole balance buys exactly 20.
    expect(answered.length).to.equal(AFFORDABLE);
    expect(refused.length).to.equal(CALLS - answered.length);
    const originated = new Set(calls.filter((c) => stack.originatesFor(c).length > 0));
    expect(originated.size).to.equal(answered.length);
    for (const c of calls) expect(stack.originatesFor(c).length, c).to.be.at.most(1);
    // Refused callers were not left in silence: each got the account's fallback.
    for (const r of refused) expect(stack.commandsAbout(r.callUuid).some((raw) => raw.startsWith(`api uuid_transfer ${r.callUuid}`)), r.callUuid).to.equal(true);

    const end = await stack.ledger.getBalance('tight');
    expect(lowest).to.be.at.least(0);
    expect(end.balance).to.be.at.least(0);
    const debits = await stack.ledger.listDebits('tight', 1_000);
    expect(debits).to.have.length(answered.length);
    expect(new Set(debits.map((d) => d.leg)).size).to.equal(debits.length);
    const charged = debits.reduce((sum, d) => sum + d.amount, 0);
    expect(charged).to.equal(start.balance - end.balance);
    expect(answered.reduce((sum, r) => sum + (r.cost ?? 0), 0)).to.equal(charged);
  });
});
