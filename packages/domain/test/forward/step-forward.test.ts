import { expect } from 'chai';
import { buildConfig } from '../fixtures/example-config.js';
import { bridged, CALL_UUID, createMachine, effectOf, kinds, parkedCall, ringing, T0 } from '../fixtures/forward-harness.js';

// bartek (pbx-b, forwards always) to +48602000002: via main (platform, 15/min at 60/60 for 486),
// failover office. A first slice of 300 s costs 75; the first increment (60 s) 15.

describe('forward machine: parked', () => {
  it('plans the route, bounds the wait, and holds the first slice before placing anything', () => {
    const m = createMachine();
    const step = m.send({ kind: 'parked', call: parkedCall() });
    expect(kinds(step.effects)).to.deep.equal(['schedule', 'hold', 'schedule']);
    expect(effectOf(step.effects, 'hold')).to.include({ account: 'platform', amount: 75, minAmount: 15 });
    const [deadline, , ring] = step.effects;
    expect(deadline).to.include({ timer: 'deadline', at: T0 + (30 + 5 + 15 + 30 + 5 + 15 + 10) * 1000 });
    expect(ring).to.include({ timer: 'ring_timeout', at: T0 + 35_000 });
    expect(m.state?.plan?.route.map((r) => r.line)).to.deep.equal(['main', 'office']);
    expect(m.leg()).to.include({ status: 'holding', attempt: 0, line: 'main' });
  });

  it('our own forward leg parked (loop guard): done, silent, no effect at all', () => {
    const m = createMachine();
    const step = m.send({ kind: 'parked', call: parkedCall({ isForwardLeg: true }) });
    expect(step.effects).to.deep.equal([]);
    expect(m.state).to.include({ phase: 'done', silent: true, outcome: 'not_forwarded' });
  });

  it('a call for no employee is not forwarded: fallback and a record', () => {
    const m = createMachine();
    const step = m.send({ kind: 'parked', call: parkedCall({ dialled: '+48221129999' }) });
    expect(kinds(step.effects)).to.deep.equal(['fallback', 'write_record']);
    expect(effectOf(step.effects, 'write_record').record).to.include({ outcome: 'not_forwarded', employee: null });
    expect(m.state?.phase).to.equal('done');
  });

  it('a second park of the same call changes nothing', () => {
    const m = ringing();
    const step = m.send({ kind: 'parked', call: parkedCall() });
    expect(step.ignored).to.equal('duplicate event');
    expect(step.effects).to.deep.equal([]);
  });
});

describe('forward machine: credit before the originate', () => {
  const table: Array<{ name: string; held: number; covered: number }> = [
    { name: 'the whole first slice', held: 75, covered: 300 },
    { name: 'part of it (two minutes)', held: 30, covered: 120 },
    { name: 'exactly the first increment', held: 15, covered: 60 },
  ];
  for (const row of table) {
    it(`credit held, ${row.name}: originate once with our ids, covering ${row.covered} s`, () => {
      const m = createMachine();
      m.send({ kind: 'parked', call: parkedCall() });
      const legUuid = m.leg().legUuid;
      const step = m.send({ kind: 'credit_held', legUuid, held: row.held });
      const originate = effectOf(step.effects, 'originate');
      expect(kinds(step.effects)).to.deep.equal(['originate']);
      expect(originate).to.include({ legUuid, jobUuid: m.leg().jobUuid, dialString: 'sofia/gateway/platform/48602000002' });
      expect(originate.variables).to.include({
        callfwd_parent: CALL_UUID,
        callfwd_leg: legUuid,
        origination_caller_id_number: '48221000000',
        originate_timeout: '30',
        callfwd_forwarded: 'true',
      });
      expect(m.leg()).to.include({ status: 'ringing', held: row.held, coveredSeconds: row.covered, slices: 1 });
    });
  }

  it('held less than the first increment: void it, try the next line', () => {
    const m = createMachine();
    m.send({ kind: 'parked', call: parkedCall() });
    const first = m.leg().legUuid;
    const step = m.send({ kind: 'credit_held', legUuid: first, held: 10 });
    expect(kinds(step.effects)).to.deep.equal(['void', 'hold', 'schedule']);
    expect(m.leg(0)).to.include({ status: 'ended', outcome: 'insufficient_credit' });
    expect(m.leg()).to.include({ attempt: 1, line: 'office', status: 'holding' });
  });

  it('refused on every line: the caller gets the fallback, the record says insufficient_credit', () => {
    const m = createMachine();
    m.send({ kind: 'parked', call: parkedCall() });
    m.send({ kind: 'credit_refused', legUuid: m.leg().legUuid, available: 0 });
    const step = m.send({ kind: 'credit_refused', legUuid: m.leg().legUuid, available: 0 });
    expect(kinds(step.effects)).to.deep.equal(['fallback', 'write_record']);
    expect(effectOf(step.effects, 'write_record').record).to.include({ outcome: 'insufficient_credit', cost: 0 });
  });

  it('credit held after the caller left: voided, nothing placed', () => {
    const m = createMachine();
    m.send({ kind: 'parked', call: parkedCall() });
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 5, call: null, parked: true });
    const step = m.send({ kind: 'credit_held', legUuid, held: 75 });
    expect(kinds(step.effects)).to.deep.equal(['void']);
    expect(m.state?.phase).to.equal('done');
  });
});

describe('forward machine: the originate fails (rule 7: fail over a failed route only)', () => {
  const table: Array<{ cause: string; outcome: string; next: 'office' | 'fallback' }> = [
    { cause: 'USER_BUSY', outcome: 'busy', next: 'fallback' },
    { cause: 'NO_ANSWER', outcome: 'no_answer', next: 'fallback' },
    { cause: 'CALL_REJECTED', outcome: 'rejected', next: 'fallback' },
    { cause: 'NORMAL_TEMPORARY_FAILURE', outcome: 'route_down', next: 'office' },
    { cause: 'GATEWAY_DOWN', outcome: 'route_down', next: 'office' },
    { cause: 'NORMAL_CIRCUIT_CONGESTION', outcome: 'route_down', next: 'office' },
    { cause: 'SOMETHING_ELSE', outcome: 'failed', next: 'fallback' },
  ];
  for (const row of table) {
    it(`-ERR ${row.cause}: ${row.outcome}, then ${row.next}`, () => {
      const m = ringing();
      const step = m.send({ kind: 'originate_result', legUuid: m.leg().legUuid, ok: false, cause: row.cause });
      expect(m.leg(0)).to.include({ status: 'ended', outcome: row.outcome, cause: row.cause });
      if (row.next === 'office') {
        expect(kinds(step.effects)).to.deep.equal(['void', 'hold', 'schedule']);
        expect(m.leg()).to.include({ line: 'office', status: 'holding' });
      } else {
        expect(kinds(step.effects)).to.deep.equal(['void', 'fallback', 'write_record']);
        expect(effectOf(step.effects, 'write_record').record.outcome).to.equal(row.outcome);
      }
    });
  }

  it('the leg hangup after the -ERR only voids again; the forward is already decided', () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'originate_result', legUuid, ok: false, cause: 'USER_BUSY' });
    const step = m.send({ kind: 'leg_hung_up', legUuid, cause: 'USER_BUSY', billsec: 0, answeredAt: null, endedAt: T0 + 900, bridgedAt: null });
    expect(kinds(step.effects)).to.deep.equal(['void']);
  });

  it('+OK from the originate (early media) is not an answer: nothing starts', () => {
    const m = ringing();
    const step = m.send({ kind: 'originate_result', legUuid: m.leg().legUuid, ok: true, cause: null });
    expect(step.effects).to.deep.equal([]);
    expect(m.leg().status).to.equal('ringing');
  });
});

describe('forward machine: answer, bridge, talk, end', () => {
  it('the leg answers: bridge, cap at the first slice, plan the renewal', () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    const step = m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    expect(kinds(step.effects)).to.deep.equal(['bridge', 'schedule', 'cap', 'schedule']);
    expect(effectOf(step.effects, 'cap')).to.include({ slice: 1, seconds: 300, replaces: null });
    expect(step.effects[3]).to.include({ timer: 'renew_credit', slice: 1, at: T0 + 5_000 + 270_000 });
    expect(step.effects[1]).to.include({ timer: 'bridge_timeout', at: T0 + 20_000 });
  });

  it('CHANNEL_BRIDGE: bridged, the leg listed for missed hangups', () => {
    const m = bridged();
    expect(m.state?.phase).to.equal('bridged');
    expect(kinds(m.last())).to.deep.equal(['track_bridged']);
  });

  it('the bridged leg hangs up after 42 s: charged once (60 s at 15/min), the record says answered', () => {
    const m = bridged();
    const legUuid = m.leg().legUuid;
    const step = m.send({ kind: 'leg_hung_up', legUuid, cause: 'NORMAL_CLEARING', billsec: 42, answeredAt: T0 + 5_000, endedAt: T0 + 47_000, bridgedAt: null });
    expect(kinds(step.effects)).to.deep.equal(['post', 'untrack_bridged', 'write_record']);
    expect(effectOf(step.effects, 'post')).to.include({ account: 'platform', legUuid, cost: 15, billsec: 42 });
    expect(effectOf(step.effects, 'write_record').record).to.include({ outcome: 'answered', cost: 15, billedSeconds: 60, viaLine: 'main' });
    expect(m.state?.phase).to.equal('done');
  });

  it('a hangup past the covered time is billed only to the covered time', () => {
    const m = bridged();
    const legUuid = m.leg().legUuid;
    const step = m.send({ kind: 'leg_hung_up', legUuid, cause: 'ALLOTTED_TIMEOUT', billsec: 305, answeredAt: T0 + 5_000, endedAt: T0 + 310_000, bridgedAt: null });
    expect(effectOf(step.effects, 'post')).to.include({ cost: 75, billsec: 300 });
    expect(effectOf(step.effects, 'write_record').record.note).to.match(/^cut at 300 s/);
  });

  it('the answered target hangs up before the bridge: charged for its seconds, the caller gets the fallback', () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    const step = m.send({ kind: 'leg_hung_up', legUuid, cause: 'NORMAL_CLEARING', billsec: 1, answeredAt: T0 + 5_000, endedAt: T0 + 6_000, bridgedAt: null });
    expect(kinds(step.effects)).to.deep.equal(['post', 'fallback', 'write_record']);
    expect(effectOf(step.effects, 'write_record').record).to.include({ outcome: 'failed' });
  });

  it('the bridge is refused: the leg is ended, the caller gets the fallback', () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    const step = m.send({ kind: 'bridge_failed', legUuid, error: 'no such channel' });
    expect(kinds(step.effects)).to.deep.equal(['kill', 'fallback', 'schedule']);
    expect(m.state?.phase).to.equal('ending');
  });

  it('no CHANNEL_BRIDGE within the bridge timeout: the leg is ended, the caller gets the fallback', () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    const step = m.send({ kind: 'timer', timer: 'bridge_timeout', legUuid, slice: 0 }, T0 + 20_000);
    expect(kinds(step.effects)).to.deep.equal(['kill', 'fallback', 'schedule']);
  });
});

describe('forward machine: early media (answer is the leg CHANNEL_ANSWER, never the originate reply)', () => {
  it('a ringback line keeps the caller on ringback: no bridge at early media', () => {
    const m = ringing();
    const step = m.send({ kind: 'leg_early_media', legUuid: m.leg().legUuid, at: T0 + 100 });
    expect(step.effects).to.deep.equal([]);
    expect(m.leg().status).to.equal('early');
  });

  it('a pass line bridges at early media; the cap and the bill start only at the answer', () => {
    const config = buildConfig((input) => {
      const main = input.lines.find((l) => l.id === 'main');
      if (main) main.earlyMedia = 'pass';
    });
    const m = ringing(createMachine(config));
    const legUuid = m.leg().legUuid;
    expect(kinds(m.send({ kind: 'leg_early_media', legUuid, at: T0 + 100 }).effects)).to.deep.equal(['bridge', 'schedule']);
    expect(kinds(m.send({ kind: 'leg_bridged', legUuid, at: T0 + 120 }).effects)).to.deep.equal([]);
    const answer = m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    expect(kinds(answer.effects)).to.deep.equal(['cap', 'track_bridged', 'schedule']);
  });
});

describe('forward machine: the caller hangs up', () => {
  it('while the target rings: the leg is cancelled at once, voided at its hangup, the record says caller_hung_up', () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    const hup = m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 2_000, call: null, parked: true });
    expect(kinds(hup.effects)).to.deep.equal(['kill', 'schedule']);
    expect(effectOf(hup.effects, 'kill')).to.include({ uuid: legUuid, cause: 'ORIGINATOR_CANCEL' });
    const end = m.send({ kind: 'leg_hung_up', legUuid, cause: 'ORIGINATOR_CANCEL', billsec: 0, answeredAt: null, endedAt: T0 + 2_020, bridgedAt: null });
    expect(kinds(end.effects)).to.deep.equal(['void', 'write_record']);
    expect(effectOf(end.effects, 'write_record').record).to.include({ outcome: 'caller_hung_up', recording: null });
  });

  it('a leg that answers after the caller left is ended again, and charged for what it talked', () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 2_000, call: null, parked: true });
    const answer = m.send({ kind: 'leg_answered', legUuid, at: T0 + 2_010 });
    expect(kinds(answer.effects)).to.deep.equal(['kill']);
    const end = m.send({ kind: 'leg_hung_up', legUuid, cause: 'ORIGINATOR_CANCEL', billsec: 1, answeredAt: T0 + 2_010, endedAt: T0 + 2_500, bridgedAt: null });
    expect(kinds(end.effects)).to.deep.equal(['post', 'write_record']);
  });

  it('during the bridge: the leg is ended with it', () => {
    const m = bridged();
    const step = m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 9_000, call: null, parked: true });
    expect(kinds(step.effects)).to.deep.equal(['kill']);
  });

  it('before its park was handled: a record of it, and the late park changes nothing', () => {
    const m = createMachine();
    const hup = m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 50, call: parkedCall(), parked: true });
    expect(kinds(hup.effects)).to.deep.equal(['write_record']);
    expect(m.send({ kind: 'parked', call: parkedCall() }).effects).to.deep.equal([]);
  });

  it('a tagged call that never parked (the desk phone took it) leaves no record', () => {
    const m = createMachine();
    const hup = m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 50, call: parkedCall(), parked: false });
    expect(hup.effects).to.deep.equal([]);
  });
});

describe('forward machine: timers', () => {
  it('ring timeout: the leg is cancelled as no answer, the caller gets the fallback', () => {
    const m = ringing();
    const legUuid = m.leg().legUuid;
    const step = m.send({ kind: 'timer', timer: 'ring_timeout', legUuid, slice: 0 }, T0 + 35_000);
    expect(kinds(step.effects)).to.deep.equal(['kill', 'void', 'fallback', 'write_record']);
    expect(effectOf(step.effects, 'write_record').record.outcome).to.equal('no_answer');
  });

  it('a ring timeout of a leg that already ended changes nothing', () => {
    const m = bridged();
    const step = m.send({ kind: 'timer', timer: 'ring_timeout', legUuid: m.leg().legUuid, slice: 0 });
    expect(step.effects).to.deep.equal([]);
  });

  it('deadline while still trying: whatever is pending, the caller gets the fallback', () => {
    const m = createMachine();
    m.send({ kind: 'parked', call: parkedCall() });
    const step = m.send({ kind: 'timer', timer: 'deadline', legUuid: null, slice: 0 }, T0 + 100_000);
    expect(kinds(step.effects)).to.deep.equal(['fallback', 'void', 'write_record']);
    expect(m.state?.phase).to.equal('done');
  });

  it('a job that failed for good turns into a fallback, not a log line', () => {
    const m = ringing();
    const step = m.send({ kind: 'give_up', reason: 'redis errors past retries' });
    expect(kinds(step.effects)).to.deep.equal(['fallback', 'kill', 'schedule']);
  });

  it('legs gone: an ending forward stops waiting for a lost leg, voids its hold, writes its record', () => {
    const m = ringing();
    m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 2_000, call: null, parked: true });
    const step = m.send({ kind: 'timer', timer: 'legs_gone', legUuid: null, slice: 0 }, T0 + 32_000);
    expect(kinds(step.effects)).to.deep.equal(['void', 'write_record']);
  });
});

describe('forward machine: credit in slices', () => {
  it('renewal reserves the next slice; granted, the cap moves and the next renewal is planned', () => {
    const m = bridged();
    const legUuid = m.leg().legUuid;
    const renew = m.send({ kind: 'timer', timer: 'renew_credit', legUuid, slice: 1 }, T0 + 275_000);
    expect(effectOf(renew.effects, 'extend_hold')).to.include({ slice: 2, amount: 75 });
    const granted = m.send({ kind: 'credit_extended', legUuid, slice: 2, held: 150 }, T0 + 275_010);
    expect(effectOf(granted.effects, 'cap')).to.include({ slice: 2, seconds: 600 - 270, replaces: 1 });
    expect(granted.effects[1]).to.include({ kind: 'schedule', timer: 'renew_credit', slice: 2, at: T0 + 5_000 + 570_000 });
    expect(m.leg()).to.include({ coveredSeconds: 600, held: 150, slices: 2 });
  });

  it('nothing more granted: the cap stays, the call ends at the end of what was granted', () => {
    const m = bridged();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'timer', timer: 'renew_credit', legUuid, slice: 1 }, T0 + 275_000);
    const refused = m.send({ kind: 'credit_extended', legUuid, slice: 2, held: 75 });
    expect(refused.effects).to.deep.equal([]);
    expect(m.leg()).to.include({ coveredSeconds: 300, slices: 2 });
  });

  it('a recording account records from the answer', () => {
    const m = ringing(createMachine(buildConfig(), { 'pbx-b': 'pbx-a' }));
    const legUuid = m.leg().legUuid;
    const step = m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    expect(effectOf(step.effects, 'record')).to.deep.equal({
      kind: 'record',
      callUuid: CALL_UUID,
      path: `/var/lib/freeswitch/recordings/${CALL_UUID}.wav`,
    });
  });
});
