import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';

describe('e2e 5: record-all-calls, and a caller who hangs up while the target rings', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      editConfig: (input) => {
        for (const account of input.accounts) if (account.id === 'provider-b') account.recordAllCalls = true;
      },
    });
  });
  after(() => stack.stop());

  it('starts the recording when the target answers and lists it in the record and the recordings list', async () => {
    stack.node('fs1').setFarEnd(TARGETS.bob.slice(1), { kind: 'answer', afterMs: 2_000, hangupAfterMs: 45_000 });
    const call = stack.placeCall({ connection: 'pbx-a', dialled: '48221110002', callerNumber: '48501234567', callerName: 'R' });
    const record = await stack.waitForRecord(call);
    const file = `/var/lib/freeswitch/recordings/${call}.wav`;
    const commands = stack.commandsAbout(call);
    const bridgeAt = commands.findIndex((c) => c.startsWith(`api uuid_bridge ${call}`));
    const recordAt = commands.indexOf(`api uuid_record ${call} start ${file}`);
    expect(bridgeAt).to.be.greaterThan(-1);
    expect(recordAt).to.be.greaterThan(bridgeAt); // after the target answered and the legs were bridged
    expect(record.outcome).to.equal('answered');
    expect(record.recording).to.deep.equal({ file, seconds: 45 });
    // Listed by the effect after the record's (the same job, a moment later).
    const listed = await waitFor('the recording listed', async () => {
      const found = await stack.recordings.list({ account: 'provider-b' });
      return found.length > 0 ? found : undefined;
    }, 10_000);
    expect(listed.map((r) => r.callUuid)).to.deep.equal([call]);
    expect(listed[0]!.file).to.equal(file);
  });

  it('cancels the ringing leg at once, records caller_hung_up, no recording, nothing charged', async () => {
    stack.node('fs1').setFarEnd(TARGETS.bob.slice(1), { kind: 'answer', afterMs: 600_000 });
    const before = await stack.ledger.getBalance('provider-b');
    const call = stack.placeCall({ connection: 'pbx-a', dialled: '48221110002', callerNumber: '48501234567', callerName: 'R', hangupAfterMs: 20_000 });
    const record = await stack.waitForRecord(call);
    const [originate] = stack.originatesFor(call);
    const leg = Object.fromEntries(originate!.vars).origination_uuid as string;
    expect(stack.commandsAbout(leg)).to.include(`api uuid_kill ${leg} ORIGINATOR_CANCEL`);
    expect(stack.commandsAbout(call).some((c) => c.startsWith('api uuid_bridge'))).to.equal(false);
    expect(stack.commandsAbout(call).some((c) => c.startsWith('api uuid_record'))).to.equal(false);
    expect(record).to.deep.include({ outcome: 'caller_hung_up', recording: null, cost: 0, billedSeconds: 0 });
    expect(stack.originatesFor(call)).to.have.length(1); // no failover for a caller who left
    await waitFor('the hold released', async () => (await stack.ledger.getBalance('provider-b')).reserved === 0);
    expect((await stack.ledger.getBalance('provider-b')).balance).to.equal(before.balance);
    expect((await stack.recordings.list()).map((r) => r.callUuid)).not.to.include(call);
  });
});
