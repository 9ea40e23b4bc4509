import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';

// Rule 12 against the simulator, in real time (the worker's renewal timer and the node's cap must
// run on one clock): 30 s credit slices renewed 10 s before their end, the tight account charged 1 a
// second and holding 30, so the first slice is all there is and its renewal is refused: both parties
// hear the tone 5 s before the cut at 30 s, and the record says so.
const SOUND = '/usr/share/freeswitch/sounds/en/us/callie/tone/low-balance.wav';

describe('e2e the low-balance tone (rule 12)', function () {
  this.timeout(120_000);
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 1,
      farEnds: { [TARGETS.erin.slice(1)]: { kind: 'answer', afterMs: 500, hangupAfterMs: 600_000 } },
      editConfig: (input) => {
        const tight = input.accounts.find((a) => a.id === 'tight')!;
        tight.openingBalance = 30;
        const tariff = input.tariffs.find((t) => t.id === 'tight-eur')!;
        tariff.increment = '1/1';
        tariff.rates = [{ prefix: '48', perMinute: 60 }];
        input.billing = { sliceSeconds: 30, renewBeforeSeconds: 10, lowBalanceWarning: { secondsBefore: 5, sound: SOUND } };
      },
    });
  });
  after(() => stack.stop());

  it('the next slice refused: the tone is scheduled on the bridged leg 5 s before the cut, and the call is cut where the credit ends', async () => {
    // erin's calls leave via pbx-d, paid by the tight account.
    const call = stack.placeCall({ connection: 'pbx-e', dialled: '48221150001', callerNumber: '48221234567', callerName: 'Low' });
    const record = await stack.waitForRecord(call, 90_000);
    expect(record).to.deep.include({ outcome: 'answered', account: 'tight', hangupCause: 'ALLOTTED_TIMEOUT', cost: 30 });
    const leg = record.attempts[0]!.legUuid;
    const tones = stack.commandsAbout(leg).filter((c) => c.startsWith('api sched_api') && c.includes(`uuid_broadcast ${leg} ${SOUND} both`));
    expect(tones, stack.commandsAbout(leg).join('\n')).to.have.length(1);
    expect(tones[0]).to.match(new RegExp(`^api sched_api \\+\\d+ cf-warn-${leg}-2 uuid_broadcast`));
    expect(record.note).to.match(/^cut at 30 s: what the balance of tight covered; the low-balance tone was played to both parties at 2[45] s$/);
  });
});
