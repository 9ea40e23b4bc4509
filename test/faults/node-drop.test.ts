import { createForwardDocStore } from '@callfwd/store';
import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { originatesPerLine } from './support/originates.js';

const CALL = { connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Dropped', disposition: 'NO_ANSWER' } as const;

describe("faults: a node's event socket dropped and restored", function () {
  this.timeout(90_000);
  let stack: Stack;
  before(async () => {
    stack = await startStack({ clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000 } } });
  });
  after(() => stack?.stop());

  it('reconnects, resyncs the calls parked while it was away, and forwards every call once (at most one leg per line)', async () => {
    const node = stack.node('fs1');
    // Targets talk long enough (20 s real, well past three drops with their reconnects and resync
    // passes) for a forward cut off mid-bridge to be resumed and bridged: a target that hangs up
    // before the resumed bridge leaves its caller with the fallback instead.
    node.setFarEnd(TARGETS.anna.slice(1), { kind: 'answer', afterMs: 1_000, hangupAfterMs: 400_000 });
    const calls: string[] = [];
    const readyAgain = () => [...stack.listeners.map((l) => l.readiness()), stack.worker!.readiness()].every((r) => Object.values(r).every(Boolean));
    for (let round = 0; round < 3; round++) {
      // Calls in flight at the drop (some jobs mid-originate), then calls parked while no one listens.
      for (let i = 0; i < 10; i++) calls.push(stack.placeCall(CALL));
      await sleep(150);
      node.dropConnections();
      for (let i = 0; i < 10; i++) calls.push(stack.placeCall(CALL));
      await waitFor('listener and worker connected again', readyAgain, 15_000);
    }
    const resumed = Date.now();
    // Parked after the last drop, their originates went out on the restored sockets: none is cut.
    const afterLastDrop = calls.slice(-10);
    const records = await Promise.all(calls.map((c) => stack.waitForRecord(c, 45_000)));
    // An originate written as the socket was cut can be lost with it (the node never read it): a
    // drop that comes as a resync's burst of originates goes out loses the whole burst. The worker
    // never sends one again (it cannot tell it from an originate that ran and ended while no one
    // listened: a second one could ring the target twice). The resync's last pass, past the leg's
    // listing lag, finds the leg gone and its caller gets the fallback then, not at the ring timeout
    // (25 s after the originate). Every call whose originate reached the node is answered.
    const cut = calls.filter((c) => stack.originatesFor(c).length === 0);
    for (const [i, r] of records.entries()) {
      const c = calls[i]!;
      if (cut.includes(c)) {
        expect([r.outcome, r.hangupCause], JSON.stringify(r)).to.deep.equal(['failed', 'HANGUP_NOT_SEEN']);
        expect(r.endedAt, JSON.stringify(r)).to.be.below(resumed + 10_000);
        expect(stack.commandsAbout(c).some((raw) => raw.startsWith(`api uuid_transfer ${c}`)), `fallback for ${c}`).to.equal(true);
      } else {
        expect(r.outcome, JSON.stringify(r)).to.equal('answered');
        expect(originatesPerLine(stack, c), c).to.satisfy((perLine: Record<string, number>) => Object.values(perLine).every((n) => n === 1));
      }
    }
    expect(afterLastDrop.filter((c) => cut.includes(c)), 'parked after the last drop, yet cut').to.deep.equal([]);
    // The parked calls came back through the resync: show channels, then uuid_getvar.
    const raws = node.commands().map((c) => c.raw);
    expect(raws.filter((r) => r.startsWith('api show channels as json')).length).to.be.at.least(3);
    expect(raws.some((r) => r.startsWith('api uuid_getvar'))).to.equal(true);
    // Each answered leg charged once; a lost originate's hold is voided (no debit).
    const answered = calls.length - cut.length;
    await waitFor('every leg settled', async () => (await stack.ledger.listDebits('platform', 1_000)).length >= answered, 30_000);
    const debits = await stack.ledger.listDebits('platform', 1_000);
    expect(debits).to.have.length(answered);
    expect(new Set(debits.map((d) => d.leg)).size).to.equal(answered);
    // None stuck: no tagged inbound call is still parked on the node.
    await waitFor('no call left parked', () => !node.channels().some((c) => c.parked && c.direction === 'inbound'), 15_000);
    expect(stack.listeners[0]!.readiness()).to.deep.include({ 'node:fs1': true });
    node.setFarEnd(TARGETS.anna.slice(1), { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000 });
  });

  it('settles a bridged leg whose hangup happened while no one was connected, billed no longer than it lasted', async () => {
    const node = stack.node('fs1');
    const call = stack.placeCall(CALL);
    await waitFor('the forward bridged', () => stack.commandsAbout(call).some((raw) => raw.startsWith(`api uuid_bridge ${call}`)), 15_000);
    // ...and its CHANNEL_BRIDGE handled (the forward's document says bridged): a pause just after the
    // command could swallow that event too, and then the forward never knew it was bridged.
    const docs = createForwardDocStore(stack.redis, stack.prefix);
    await waitFor('the bridge seen by the forward', async () => {
      const loaded = await docs.load('fs1', call);
      return (loaded?.doc as { state?: { phase?: string } } | undefined)?.state?.phase === 'bridged' ? true : undefined;
    }, 15_000);
    const leg = stack.originatesFor(call)[0]!.vars.find(([k]) => k === 'origination_uuid')![1];
    const before = await stack.ledger.getBalance('platform');
    // The node goes away (no one hears the hangup), the target hangs up, then the node is back.
    await node.pause();
    await waitFor('the forwarded leg hung up', () => !node.channels().some((c) => c.uuid === leg), 15_000);
    await node.resume();
    const record = await stack.waitForRecord(call, 20_000);
    expect(record.outcome).to.equal('answered');
    expect(record.hangupCause).to.equal('HANGUP_NOT_SEEN');
    // 20 s of talk at 60/60 would be one minute (15); the unseen end is never billed beyond it.
    expect(record.cost).to.be.at.most(15);
    const after = await stack.ledger.getBalance('platform');
    await waitFor('the hold released', async () => (await stack.ledger.getBalance('platform')).reserved === 0, 10_000);
    const debits = (await stack.ledger.listDebits('platform', 1_000)).filter((d) => d.leg === leg);
    expect(debits).to.have.length(1);
    expect(debits[0]!.amount).to.equal(before.balance - after.balance);
  });
});
