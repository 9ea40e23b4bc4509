// Found by the soak (seed 1): two jobs of one forward ran at once; the one that found the fallback's
// marker taken cleared the fallback from the outbox, the one holding it failed to send it (its node
// connection was replaced) and gave the marker back, and nothing was left to send it: the caller
// waited parked until they hung up. An effect another run holds stays in the outbox until it got
// through, and a run that finds it held waits for the holder's outcome.
import { expect } from 'chai';
import type { ForwardCall } from '@callfwd/domain';
import { processForwardJob } from '../../src/index.js';
import { startHarness, type Harness } from '../support/worker-harness.js';

describe('worker: an effect whose marker another run holds', function () {
  this.timeout(20_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  /** A call for nobody: not forwarded, so its one node effect is the fallback. */
  const parkForNobody = (): ForwardCall => {
    const { uuid } = h.sim.placeCall({ dialled: '48221120999', callerNumber: '48501234567', callerName: 'C' });
    return { node: 'fs1', callUuid: uuid, connection: 'pbx-b', dialled: '48221120999', callerNumber: '48501234567', callerName: 'C', disposition: null, parkedAt: Date.now(), isForwardLeg: false };
  };
  const transfers = (callUuid: string) => h.sim.commands().filter((c) => c.raw.startsWith(`api uuid_transfer ${callUuid}`)).length;
  const outboxOf = async (callUuid: string) => [...((await h.deps.docs.load('fs1', callUuid))?.outbox.keys() ?? [])];

  it('waits while a live run holds it; once that run gives it back, this run sends it', async () => {
    const call = parkForNobody();
    const id = `fallback:${call.callUuid}`;
    // Another run took the marker and is still sending (or is about to fail).
    expect(await h.deps.docs.markOnce('fs1', call.callUuid, id, 'other-run', 30_000, 5_000)).to.equal('first');
    const job = processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(transfers(call.callUuid)).to.equal(0);
    expect(await outboxOf(call.callUuid)).to.include(id);
    // The holder's command did not get through: it gives the marker back, and the waiting run sends it.
    expect(await h.deps.docs.unmark('fs1', call.callUuid, id, 'other-run')).to.equal(true);
    await job;
    expect(transfers(call.callUuid)).to.equal(1);
    expect(await outboxOf(call.callUuid)).to.deep.equal([]);
    expect(await h.deps.docs.markState('fs1', call.callUuid, id)).to.equal('done');
  });

  it('waits while a live run holds it, and sends nothing once that run got it through', async () => {
    const call = parkForNobody();
    const id = `fallback:${call.callUuid}`;
    await h.deps.docs.markOnce('fs1', call.callUuid, id, 'other-run', 30_000, 5_000);
    const job = processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await h.deps.docs.markDone('fs1', call.callUuid, id);
    await job;
    expect(transfers(call.callUuid)).to.equal(0);
    expect(await outboxOf(call.callUuid)).to.deep.equal([]);
  });

  it('leaves the outbox when the holder got it through (its marker says done)', async () => {
    const call = parkForNobody();
    const id = `fallback:${call.callUuid}`;
    await h.deps.docs.markOnce('fs1', call.callUuid, id, 'other-run', 30_000, 5_000);
    await h.deps.docs.markDone('fs1', call.callUuid, id);
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    expect(transfers(call.callUuid)).to.equal(0);
    expect(await outboxOf(call.callUuid)).to.deep.equal([]);
  });

  // Found by worker-killed (a fresh-clone run): a worker SIGKILLed between taking a marker and
  // sending its command left the marker taken for the forward's lifetime; no run ever sent the
  // effect (an answered target never bridged). A dead holder's lease runs out and its marker is
  // taken over; the originate is sent unless its leg is on the node.
  it('takes over from a run that died holding it (its lease ran out) and sends the effect', async () => {
    const call = parkForNobody();
    const id = `fallback:${call.callUuid}`;
    await h.deps.docs.markOnce('fs1', call.callUuid, id, 'dead-run', 30_000, 200);
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    expect(transfers(call.callUuid)).to.equal(1);
    expect(await h.deps.docs.markState('fs1', call.callUuid, id)).to.equal('done');
    expect(h.logs.some((l) => l.msg === 'marker taken over from a run whose lease ran out')).to.equal(true);
  });
});
