// Found by the soak (seed 1): two jobs of one forward ran at once; the one that found the fallback's
// marker taken cleared the fallback from the outbox, the one holding it failed to send it (its node
// connection was replaced) and gave the marker back, and nothing was left to send it: the caller
// waited parked until they hung up. An effect another run holds stays in the outbox until it got through.
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

  it('stays in the outbox while the holder has not got it through; once given back, the next run sends it', async () => {
    const call = parkForNobody();
    const id = `fallback:${call.callUuid}`;
    // Another run took the marker and is still sending (or is about to fail).
    expect(await h.deps.docs.markOnce('fs1', id, 30_000)).to.equal(true);
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    expect(transfers(call.callUuid)).to.equal(0);
    expect(await outboxOf(call.callUuid)).to.deep.equal([id]);

    // The holder's command did not get through: it gives the marker back. Any later job of the
    // forward (here the park delivered again) finds the fallback still pending and sends it.
    await h.deps.docs.unmark('fs1', id);
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j2');
    expect(transfers(call.callUuid)).to.equal(1);
    expect(await outboxOf(call.callUuid)).to.deep.equal([]);
    expect(await h.deps.docs.markState('fs1', id)).to.equal('done');
  });

  it('leaves the outbox when the holder got it through (its marker says done)', async () => {
    const call = parkForNobody();
    const id = `fallback:${call.callUuid}`;
    await h.deps.docs.markOnce('fs1', id, 30_000);
    await h.deps.docs.markDone('fs1', id);
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    expect(transfers(call.callUuid)).to.equal(0);
    expect(await outboxOf(call.callUuid)).to.deep.equal([]);
  });
});
