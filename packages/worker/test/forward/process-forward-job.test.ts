import { expect } from 'chai';
import type { ForwardCall, ForwardState } from '@callfwd/domain';
import { applyEvent } from '../../src/forward/apply-event.js';
import { parseForwardDoc } from '../../src/forward/forward-doc.js';
import { processForwardJob } from '../../src/index.js';
import { startHarness, type Harness } from '../support/worker-harness.js';

describe('worker: one event job steps the forward and runs its effects', function () {
  this.timeout(20_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const park = (): ForwardCall => {
    const { uuid } = h.sim.placeCall({ dialled: '48221120001', callerNumber: '48501234567', callerName: 'C' });
    return { node: 'fs1', callUuid: uuid, connection: 'pbx-b', dialled: '48221120001', callerNumber: '48501234567', callerName: 'C', disposition: null, parkedAt: Date.now(), isForwardLeg: false };
  };
  const state = async (callUuid: string): Promise<{ state: ForwardState; outbox: number }> => {
    const loaded = await h.deps.docs.load('fs1', callUuid);
    if (loaded === null) throw new Error('no forward document');
    const doc = parseForwardDoc(loaded);
    return { state: doc.state, outbox: doc.outbox.length };
  };
  const originatesOf = (callUuid: string) => h.sim.originates().filter((o) => o.vars.some(([k, v]) => k === 'callfwd_parent' && v === callUuid));

  it('a parked call: holds the first slice, sends the originate and returns while the phone rings', async () => {
    const call = park();
    const result = await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    expect(result).to.include({ steps: 2, phase: 'trying' });
    const { state: s, outbox } = await state(call.callUuid);
    expect(outbox, 'every effect ran and left the outbox').to.equal(0);
    expect(s.legs[0]).to.include({ status: 'ringing', held: 75, coveredSeconds: 300 });
    const holds = await h.deps.ledger.listHolds('platform');
    expect(holds.map((x) => [x.holdId, x.amount])).to.deep.equal([[s.legs[0]!.legUuid, 75]]);
    const sent = originatesOf(call.callUuid);
    expect(sent).to.have.length(1);
    expect(sent[0]!.background, 'bgapi: nothing waits for the phone').to.equal(true);
    expect(sent[0]!.vars).to.deep.include(['callfwd_leg', s.legs[0]!.legUuid]);
    expect(await h.deps.docs.countTimers('fs1'), 'its deadline and ring timeout, written with the state').to.equal(2);
    expect(await h.deps.queues.queue('fs1', 'forward').getDelayedCount(), 'no job until a timer is due').to.equal(0);
  });

  it('a forward that ends takes its timers with it: none is left to fire for nothing', async () => {
    const call = park();
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    expect(await h.deps.docs.countTimers('fs1')).to.equal(2);
    const { state: s } = await state(call.callUuid);
    const legUuid = s.legs[0]!.legUuid;
    // The caller hangs up while the target rings; the leg is cancelled and ends.
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: Date.now(), call: null, parked: true }), 'j2');
    expect(await h.deps.docs.countTimers('fs1'), 'still ending: its leg has not ended').to.be.greaterThan(0);
    const done = await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'leg_hung_up', legUuid, cause: 'ORIGINATOR_CANCEL', billsec: 0, answeredAt: null, endedAt: Date.now(), bridgedAt: null }), 'j3');
    expect(done.phase).to.equal('done');
    expect(await h.deps.docs.countTimers('fs1')).to.equal(0);
  });

  it("a step that makes a timer moot takes it out with the state: the answer its ring timeout, the bridge its bridge timeout", async () => {
    const timers = () => h.redis.zrange(`${h.prefix}:{node:fs1}:timers`, '0', '-1');
    const call = park();
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    const legUuid = (await state(call.callUuid)).state.legs[0]!.legUuid;
    const ringTimeout = `fwd-fs1-${call.callUuid}-timer-ring_timeout-${legUuid}-0`;
    const bridgeTimeout = `fwd-fs1-${call.callUuid}-timer-bridge_timeout-${legUuid}-0`;
    expect(await timers()).to.include(ringTimeout);
    // The node places the leg a moment after the bgapi's reply: bridge it once it is there.
    for (let i = 0; i < 100 && !(await h.conn.exists(legUuid)); i++) await new Promise((r) => setTimeout(r, 20));
    const at = Date.now();
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'leg_answered', legUuid, at }), 'j2');
    const answered = await timers();
    expect(answered, 'answered: no ring timeout to fire for nothing').to.not.include(ringTimeout);
    expect(answered, 'the bridge timeout waits for the bridge').to.include(bridgeTimeout);
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'leg_bridged', legUuid, at: at + 5 }), 'j3');
    const left = await timers();
    expect(left).to.not.include(bridgeTimeout);
    expect(left.filter((id) => id.includes(call.callUuid)).map((id) => id.replace(`fwd-fs1-${call.callUuid}-timer-`, '').replace(legUuid, 'LEG')), "the deadline and the renewal of the call's credit stay").to.have.members(['deadline---0', 'renew_credit-LEG-1']);
  });

  it("a job's follow-up step starts from the version its first step stored: one read of the document per job", async () => {
    const call = park();
    let loads = 0;
    const docs = { ...h.deps.docs, load: (node: string, uuid: string) => ((loads += 1), h.deps.docs.load(node, uuid)) };
    const result = await processForwardJob({ ...h.deps, docs }, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    expect(result.steps, 'parked, then credit held').to.equal(2);
    expect(loads).to.equal(1);
    expect(originatesOf(call.callUuid)).to.have.length(1);
  });

  it("the originate's at-most-once marker is taken by the save that stores it; it is done once the command got through", async () => {
    const call = park();
    let markCalls = 0;
    const docs = { ...h.deps.docs, markOnce: (...args: Parameters<typeof h.deps.docs.markOnce>) => ((markCalls += 1), h.deps.docs.markOnce(...args)) };
    await processForwardJob({ ...h.deps, docs }, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    expect(markCalls, 'no marker round trip of its own').to.equal(0);
    const { state: s } = await state(call.callUuid);
    expect(await h.deps.docs.markState('fs1', call.callUuid, `originate:${s.legs[0]!.legUuid}`)).to.equal('done');
    expect(originatesOf(call.callUuid)).to.have.length(1);
  });

  it('a step from a stored version that another run has since changed reads the current one and steps that', async () => {
    const call = park();
    const first = await applyEvent(h.deps, 'fs1', call.callUuid, { kind: 'parked', call });
    const legUuid = first.state!.legs[0]!.legUuid;
    // Another run steps the forward meanwhile: the caller hangs up.
    await applyEvent(h.deps, 'fs1', call.callUuid, { kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: Date.now(), call: null, parked: true });
    const late = await applyEvent(h.deps, 'fs1', call.callUuid, { kind: 'credit_held', legUuid, held: 75 }, new Set(), first.stored);
    expect(late.effects.map((e) => e.kind), 'no originate for a caller who is gone').to.not.include('originate');
    const { state: s } = await state(call.callUuid);
    expect(s.phase).to.not.equal('trying');
    expect(s.seen.length, 'both events and the credit are in the stored state').to.equal(late.state!.seen.length);
  });

  it('the same event delivered twice places one leg and holds once', async () => {
    const call = park();
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    const again = await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1-redelivered');
    expect(again.ignored).to.equal('duplicate event');
    expect(originatesOf(call.callUuid)).to.have.length(1);
    expect(await h.deps.ledger.listHolds('platform')).to.have.length(1);
  });

  it('a run that stopped after storing its step: the next job of the forward runs the stored effects, once', async () => {
    const call = park();
    const stored = await applyEvent(h.deps, 'fs1', call.callUuid, { kind: 'parked', call });
    expect(stored.effects.map((e) => e.kind), 'its timers are written with the state, not left to run').to.deep.equal(['hold']);
    expect((await state(call.callUuid)).outbox).to.equal(1);
    expect(await h.deps.ledger.listHolds('platform'), 'nothing ran yet').to.have.length(0);
    // The job is delivered again (BullMQ redelivers a stalled job): the step is a duplicate, the outbox runs.
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1-again');
    expect(await h.deps.ledger.listHolds('platform')).to.have.length(1);
    expect(originatesOf(call.callUuid)).to.have.length(1);
    expect((await state(call.callUuid)).outbox).to.equal(0);
  });

  it('events of one forward handled at once by many slots: each applied once, one bridge sent', async () => {
    const call = park();
    await processForwardJob(h.deps, h.job(call.callUuid, { kind: 'parked', call }), 'j1');
    const legUuid = (await state(call.callUuid)).state.legs[0]!.legUuid;
    const at = Date.now();
    const events = [
      { kind: 'originate_result', legUuid, ok: true, cause: null },
      { kind: 'leg_early_media', legUuid, at },
      { kind: 'leg_answered', legUuid, at },
      { kind: 'leg_answered', legUuid, at },
      { kind: 'leg_answered', legUuid, at },
    ] as const;
    await Promise.all(events.map((event, i) => processForwardJob(h.deps, h.job(call.callUuid, event), `c${i}`)));
    const { state: s, outbox } = await state(call.callUuid);
    expect(s.seen.filter((id) => id === `leg_answered:${legUuid}`)).to.have.length(1);
    expect(s.legs[0]).to.include({ status: 'answered', answeredAt: at, bridgeSent: true });
    expect(outbox).to.equal(0);
    const bridges = h.sim.commands().filter((c) => c.raw.startsWith(`api uuid_bridge ${call.callUuid} ${legUuid}`));
    expect(bridges, 'the bridge reaches the node at most once').to.have.length(1);
    const caps = h.sim.commands().filter((c) => c.raw.includes(`sched_api +300 cf-cap-${legUuid}-1 uuid_kill ${legUuid} ALLOTTED_TIMEOUT`));
    expect(caps).to.have.length(1);
  });

  it('a job of an unknown node or a bad payload fails for good with its reason', async () => {
    const call = park();
    const failureOf = (data: unknown) => processForwardJob(h.deps, data, 'bad').then(() => undefined, (err: unknown) => err as Error);
    const unknownNode = await failureOf({ ...h.job(call.callUuid, { kind: 'parked', call }), node: 'fs9' });
    expect(unknownNode?.name).to.equal('UnrecoverableError');
    expect(unknownNode?.message).to.match(/node fs9, which is not in the config/);
    const garbage = await failureOf({ v: 2, node: 'fs1', callUuid: 'x; api hupall', event: {} });
    expect(garbage?.name).to.equal('UnrecoverableError');
    expect(garbage?.message).to.match(/bad forward job payload/);
  });
});
