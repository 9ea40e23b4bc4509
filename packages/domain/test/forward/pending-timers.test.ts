import { expect } from 'chai';
import { forwardEventId, pendingTimers, type ForwardEffect } from '../../src/index.js';
import { bridged, createMachine, parkedCall, T0, type Machine } from '../fixtures/forward-harness.js';

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
