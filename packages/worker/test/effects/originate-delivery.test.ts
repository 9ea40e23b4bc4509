// An originate reaches the node at most once: a reply lost after the write is never followed by a
// second originate (found by the soak with a slow node: `uuid_exists` said false for a queued
// originate, the worker sent it again and the target rang twice); one known not written is sent
// again; and a run that died holding its marker leaves it to the next run, which never sends a
// second originate (worker-killed found a target rung twice when the takeover asked uuid_exists: the
// leg had rung, been answered and hung up before the dead worker's job was found stalled).
import { expect } from 'chai';
import { FreeswitchError } from '@callfwd/freeswitch';
import type { ForwardCall } from '@callfwd/domain';
import { processForwardJob, type ForwardNode, type WorkerDeps } from '../../src/index.js';
import { RetryableError } from '../../src/errors.js';
import { startHarness, type Harness } from '../support/worker-harness.js';

describe('worker: an originate reaches the node at most once', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const park = (): ForwardCall => {
    const { uuid } = h.sim.placeCall({ dialled: '48221120001', callerNumber: '48501234567', callerName: 'C' });
    return { node: 'fs1', callUuid: uuid, connection: 'pbx-b', dialled: '48221120001', callerNumber: '48501234567', callerName: 'C', disposition: null, parkedAt: Date.now(), isForwardLeg: false };
  };
  const originatesOf = (callUuid: string) => h.sim.originates().filter((o) => o.vars.some(([k, v]) => k === 'callfwd_parent' && v === callUuid));
  /** The worker's deps with the node's sendOriginate replaced. */
  type Send = ForwardNode['sendOriginate'];
  const withSend = (send: (real: ForwardNode, o: Parameters<Send>[0]) => ReturnType<Send>): WorkerDeps => {
    const real = h.deps.nodes.get('fs1')!;
    const node: ForwardNode = Object.create(real) as ForwardNode;
    Object.defineProperty(node, 'sendOriginate', { value: (o: Parameters<Send>[0]) => send(real, o) });
    return { ...h.deps, nodes: new Map([['fs1', node]]) };
  };
  const runJob = (deps: WorkerDeps, call: ForwardCall, jobId: string) => processForwardJob(deps, h.job(call.callUuid, { kind: 'parked', call }), jobId);

  it('is not sent again when its reply is lost after the write (the node may run it late)', async () => {
    const call = park();
    const deps = withSend(async (real, o) => {
      await real.sendOriginate(o);
      throw new FreeswitchError('TIMEOUT', 'node fs1: no reply to bgapi within 3000 ms', { node: 'fs1' });
    });
    await runJob(deps, call, 'j1');
    // The same job delivered again (at-least-once) sends nothing more.
    await runJob(h.deps, call, 'j1');
    expect(originatesOf(call.callUuid)).to.have.length(1);
    expect(h.logs.some((l) => l.msg === 'originate reply lost: not sent again; the ring timeout ends the leg if it never rings')).to.equal(true);
  });

  it('is sent again when it was never written (the connection was down)', async () => {
    const call = park();
    const deps = withSend(() => Promise.reject(new FreeswitchError('DISCONNECTED', 'node fs1: not connected', { node: 'fs1', unsent: true })));
    let failed: unknown;
    await runJob(deps, call, 'j1').catch((err: unknown) => (failed = err));
    expect(failed).to.be.instanceOf(RetryableError);
    expect(originatesOf(call.callUuid)).to.have.length(0);
    await runJob(h.deps, call, 'j1');
    expect(originatesOf(call.callUuid)).to.have.length(1);
  });

  it('a run that died after writing it: the next run takes its marker over and sends no second originate, even once the leg is gone', async () => {
    const call = park();
    // The dying run writes the originate and is never heard of again: no reply, no lease renewal.
    const dying: WorkerDeps = { ...withSend(async (real, o) => { await real.sendOriginate(o); return await new Promise<never>(() => undefined); }), docs: { ...h.deps.docs, renewMark: () => Promise.resolve(false) } };
    void runJob(dying, call, 'j1');
    const deadline = Date.now() + 5_000;
    while (originatesOf(call.callUuid).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const [sent] = originatesOf(call.callUuid);
    expect(sent).to.not.equal(undefined);
    // The leg rings and ends before the job is found stalled: the node no longer knows it.
    const leg = sent!.vars.find(([k]) => k === 'callfwd_leg')![1];
    await h.conn.kill(leg, 'NORMAL_CLEARING');
    expect(await h.conn.exists(leg)).to.equal(false);
    // The job runs again (found stalled, after the shipped lease: the worker's lock duration).
    await runJob(h.deps, call, 'j1');
    expect(originatesOf(call.callUuid)).to.have.length(1);
    expect(h.logs.some((l) => l.msg === 'originate of a run that died: not sent again; the ring timeout ends the leg if it never rings')).to.equal(true);
  });
});
