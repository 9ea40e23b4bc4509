import { expect } from 'chai';
import { forwardEventId, mootTimers, newlyMootTimers, pendingTimers, type ForwardEffect } from '../../src/index.js';
import { bridged, createMachine, parkedCall, ringing, T0, type Machine } from '../fixtures/forward-harness.js';

/** Every timer the machine scheduled over the forward's life, as the event it fires. */
function scheduled(m: Machine): string[] {
  const all: ForwardEffect[] = m.steps.flatMap((s) => [...s.effects]);
  return all
    .filter((e): e is Extract<ForwardEffect, { kind: 'schedule' }> => e.kind === 'schedule')
    .map((e) => forwardEventId({ kind: 'timer', timer: e.timer, legUuid: e.legUuid, slice: e.slice }));
}

describe('forward machine: the timers a done forward may still have waiting', () => {
  it('a bridged call that ended: every timer it scheduled (deadline, ring and bridge timeouts, the renewal) is named', () => {
    const m = bridged();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_hung_up', legUuid, cause: 'NORMAL_CLEARING', billsec: 42, answeredAt: T0 + 5_000, endedAt: T0 + 47_000, bridgedAt: T0 + 5_050 }, T0 + 47_000);
    expect(m.state?.phase).to.equal('done');
    const named = pendingTimers(m.state!).map(forwardEventId);
    const planned = scheduled(m);
    expect(planned.length).to.be.greaterThan(2);
    for (const id of planned) expect(named, id).to.include(id);
  });

  it('a call whose caller hung up while two lines were tried: the legs of both are named', () => {
    const m = createMachine();
    m.send({ kind: 'parked', call: parkedCall() });
    const first = m.leg();
    m.send({ kind: 'credit_held', legUuid: first.legUuid, held: 75 }, T0 + 10);
    // The first line's route is down: the next line is tried.
    m.send({ kind: 'leg_hung_up', legUuid: first.legUuid, cause: 'NETWORK_OUT_OF_ORDER', billsec: 0, answeredAt: null, endedAt: T0 + 500, bridgedAt: null }, T0 + 500);
    const second = m.leg();
    expect(second.legUuid).to.not.equal(first.legUuid);
    m.send({ kind: 'credit_held', legUuid: second.legUuid, held: 75 }, T0 + 600);
    m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 3_000, call: null, parked: true }, T0 + 3_000);
    m.send({ kind: 'leg_hung_up', legUuid: second.legUuid, cause: 'ORIGINATOR_CANCEL', billsec: 0, answeredAt: null, endedAt: T0 + 3_010, bridgedAt: null }, T0 + 3_010);
    expect(m.state?.phase).to.equal('done');
    const named = pendingTimers(m.state!).map(forwardEventId);
    for (const id of scheduled(m)) expect(named, id).to.include(id);
    expect(named.filter((id) => id.includes('ring_timeout'))).to.have.length(2);
  });
});

describe('forward machine: the timers a step makes moot', () => {
  const ids = (timers: ReturnType<typeof mootTimers>) => timers.map(forwardEventId);

  it("a ringing leg's ring timeout is live; its answer makes it moot, its bridge the bridge timeout; the deadline stays until the end", () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    expect(mootTimers(m.state!), 'ringing: nothing is moot').to.deep.equal([]);
    const beforeAnswer = m.state!;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    expect(ids(newlyMootTimers(beforeAnswer, m.state!))).to.deep.equal([`timer:ring_timeout:${legUuid}:0`]);
    const beforeBridge = m.state!;
    m.send({ kind: 'leg_bridged', legUuid, at: T0 + 5_050 }, T0 + 5_050);
    expect(ids(newlyMootTimers(beforeBridge, m.state!)), 'named once: the ring timeout was dropped with the answer').to.deep.equal([`timer:bridge_timeout:${legUuid}:0`]);
    expect(ids(mootTimers(m.state!))).to.not.include('timer:deadline:-:0');
    const beforeEnd = m.state!;
    m.send({ kind: 'leg_hung_up', legUuid, cause: 'NORMAL_CLEARING', billsec: 42, answeredAt: T0 + 5_000, endedAt: T0 + 47_000, bridgedAt: T0 + 5_050 }, T0 + 47_000);
    expect(m.state!.phase).to.equal('done');
    const atEnd = ids(newlyMootTimers(beforeEnd, m.state!));
    expect(atEnd, 'the end names every timer it may still have').to.deep.equal(ids(pendingTimers(m.state!)));
    expect(atEnd).to.include('timer:deadline:-:0');
    expect(newlyMootTimers(m.state, m.state!), 'a done forward names none again').to.deep.equal([]);
  });

  it('a new forward has none moot; one bridged has its ring and bridge timeouts moot', () => {
    const m = createMachine();
    m.send({ kind: 'parked', call: parkedCall() });
    expect(newlyMootTimers(null, m.state!)).to.deep.equal([]);
    const b = bridged();
    const legUuid = b.leg().legUuid;
    expect(ids(mootTimers(b.state!))).to.have.members([`timer:ring_timeout:${legUuid}:0`, `timer:bridge_timeout:${legUuid}:0`]);
  });
});
