// The forward machine with follow-me steps (rule 8) and confirm to accept (rule 9).
import { expect } from 'chai';
import type { ForwardEffect, ForwardState } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';
import { createMachine, effectOf, kinds, parkedCall, T0, type Machine } from '../fixtures/forward-harness.js';

const MOBILE = '+48602000002';
const DESK = '+48603000003';
const HOME = '+48604000004';
const CONFIRM = { prompt: '/usr/share/freeswitch/sounds/press-1.wav', key: '1', timeoutSeconds: 5 } as const;

/** bartek (pbx-b, always): his mobile alone for 10 s, then desk and home at once for 20 s. */
type EmployeeInput = { steps?: unknown };

function followMe(edit: (employee: EmployeeInput) => void = () => undefined) {
  return buildConfig((input) => {
    const bartek = input.employees?.find((e) => e.id === 'bartek');
    if (bartek === undefined) throw new Error('no bartek');
    const steps: EmployeeInput = {
      steps: [
        { ringSeconds: 10, targets: [{ number: MOBILE }] },
        { ringSeconds: 20, targets: [{ number: DESK }, { number: HOME }] },
      ],
    };
    edit(steps);
    Object.assign(bartek, steps);
    delete (bartek as { target?: string }).target;
  });
}

function legsOf(m: Machine, target: string): ForwardState['legs'] {
  return (m.state?.legs ?? []).filter((l) => l.target === target);
}

function holdsIn(effects: readonly ForwardEffect[]): Extract<ForwardEffect, { kind: 'hold' }>[] {
  return effects.filter((e): e is Extract<ForwardEffect, { kind: 'hold' }> => e.kind === 'hold');
}

/** Lets every pending hold of the last step be granted in full, in order. */
function grantHolds(m: Machine, at?: number): void {
  for (const hold of holdsIn(m.last())) m.send({ kind: 'credit_held', legUuid: hold.legUuid, held: hold.amount }, at);
}

describe('forward machine: follow-me steps (rule 8)', () => {
  it('rings the first step alone, with its own ring time in the originate', () => {
    const m = createMachine(followMe());
    m.send({ kind: 'parked', call: parkedCall() });
    expect(holdsIn(m.last())).to.have.length(1);
    expect(m.state?.plan?.steps.map((s) => s.targets.map((t) => t.number))).to.deep.equal([[MOBILE], [DESK, HOME]]);
    const step = m.send({ kind: 'credit_held', legUuid: m.leg().legUuid, held: holdsIn(m.last())[0]!.amount }, T0 + 10);
    const originate = effectOf(step.effects, 'originate');
    expect(originate.dialString).to.include('602000002');
    expect(originate.variables.originate_timeout).to.equal('10');
  });

  it('no answer on the first step: both targets of the next ring at once, each with its own leg and hold', () => {
    const m = createMachine(followMe());
    m.send({ kind: 'parked', call: parkedCall() });
    grantHolds(m, T0 + 10);
    const mobile = m.leg().legUuid;
    const step = m.send({ kind: 'leg_hung_up', legUuid: mobile, cause: 'NO_ANSWER', billsec: 0, answeredAt: null, endedAt: T0 + 10_000, bridgedAt: null }, T0 + 10_000);
    const holds = holdsIn(step.effects);
    expect(holds).to.have.length(2);
    expect(new Set(holds.map((h) => h.legUuid)).size).to.equal(2);
    expect(m.state?.step).to.equal(1);
    expect(kinds(step.effects)).to.not.include('fallback');
    grantHolds(m, T0 + 10_010);
    const originates = m.steps.slice(-2).flatMap((s) => s.effects).filter((e) => e.kind === 'originate');
    expect(originates.map((o) => (o.kind === 'originate' ? o.variables.originate_timeout : ''))).to.deep.equal(['20', '20']);
  });

  it('the first of a step to answer is bridged; the other is cancelled at once with LOSE_RACE', () => {
    const m = createMachine(followMe((e) => (e.steps = [{ ringSeconds: 20, targets: [{ number: DESK }, { number: HOME }] }])));
    m.send({ kind: 'parked', call: parkedCall() });
    grantHolds(m, T0 + 10);
    const [desk, home] = [legsOf(m, DESK)[0]!, legsOf(m, HOME)[0]!];
    const answered = m.send({ kind: 'leg_answered', legUuid: home.legUuid, at: T0 + 4_000 }, T0 + 4_000);
    expect(answered.effects).to.deep.include({ kind: 'kill', uuid: desk.legUuid, cause: 'LOSE_RACE' });
    expect(effectOf(answered.effects, 'bridge').legUuid).to.equal(home.legUuid);
    // The loser's late answer (both picked up) is ended again, not bridged; it is charged as it talked.
    const late = m.send({ kind: 'leg_answered', legUuid: desk.legUuid, at: T0 + 4_100 }, T0 + 4_100);
    expect(kinds(late.effects)).to.deep.equal(['kill']);
    m.send({ kind: 'leg_bridged', legUuid: home.legUuid, at: T0 + 4_050 });
    // It answered, so it is charged for what it talked (here nothing: 0 s), and never bridged.
    const lost = m.send({ kind: 'leg_hung_up', legUuid: desk.legUuid, cause: 'LOSE_RACE', billsec: 0, answeredAt: T0 + 4_100, endedAt: T0 + 4_200, bridgedAt: null });
    expect(kinds(lost.effects)).to.deep.equal(['post']);
    expect(effectOf(lost.effects, 'post')).to.include({ legUuid: desk.legUuid, cost: 0, billsec: 0 });
    const end = m.send({ kind: 'leg_hung_up', legUuid: home.legUuid, cause: 'NORMAL_CLEARING', billsec: 30, answeredAt: T0 + 4_000, endedAt: T0 + 34_000, bridgedAt: T0 + 4_050 });
    expect(end.effects.filter((e) => e.kind === 'post').map((p) => (p.kind === 'post' ? p.legUuid : ''))).to.deep.equal([home.legUuid]);
    const record = effectOf(end.effects, 'write_record').record;
    expect(record).to.include({ outcome: 'answered', target: HOME });
    expect(record.attempts.map((a) => [a.target, a.outcome, a.cause])).to.deep.equal([
      [DESK, 'no_answer', 'LOSE_RACE'],
      [HOME, 'answered', 'NORMAL_CLEARING'],
    ]);
  });

  it('a target still holding credit when another answers is voided and never placed', () => {
    const m = createMachine(followMe((e) => (e.steps = [{ ringSeconds: 20, targets: [{ number: DESK }, { number: HOME }] }])));
    m.send({ kind: 'parked', call: parkedCall() });
    const [deskHold, homeHold] = holdsIn(m.last());
    m.send({ kind: 'credit_held', legUuid: homeHold!.legUuid, held: homeHold!.amount }, T0 + 10);
    const answered = m.send({ kind: 'leg_answered', legUuid: homeHold!.legUuid, at: T0 + 2_000 }, T0 + 2_000);
    expect(answered.effects).to.deep.include({ kind: 'void', account: 'platform', legUuid: deskHold!.legUuid });
    const late = m.send({ kind: 'credit_held', legUuid: deskHold!.legUuid, held: deskHold!.amount }, T0 + 2_010);
    expect(kinds(late.effects)).to.deep.equal(['void']);
  });

  it('one target busy while the other rings: the step goes on; both say no: the next step, then the fallback', () => {
    const m = createMachine(followMe((e) => (e.steps = [
      { ringSeconds: 20, targets: [{ number: DESK }, { number: HOME }] },
      { ringSeconds: 10, targets: [{ number: MOBILE }] },
    ])));
    m.send({ kind: 'parked', call: parkedCall() });
    grantHolds(m, T0 + 10);
    const [desk, home] = [legsOf(m, DESK)[0]!, legsOf(m, HOME)[0]!];
    const busy = m.send({ kind: 'originate_result', legUuid: desk.legUuid, ok: false, cause: 'USER_BUSY' }, T0 + 1_000);
    expect(kinds(busy.effects)).to.deep.equal(['void']);
    expect(m.state?.step).to.equal(0);
    const noAnswer = m.send({ kind: 'originate_result', legUuid: home.legUuid, ok: false, cause: 'NO_ANSWER' }, T0 + 20_000);
    expect(m.state?.step).to.equal(1);
    expect(holdsIn(noAnswer.effects)).to.have.length(1);
    grantHolds(m, T0 + 20_010);
    const mobile = legsOf(m, MOBILE)[0]!;
    const last = m.send({ kind: 'originate_result', legUuid: mobile.legUuid, ok: false, cause: 'NO_ANSWER' }, T0 + 30_000);
    expect(kinds(last.effects)).to.include('fallback');
    const record = effectOf(last.effects, 'write_record').record;
    expect(record.outcome).to.equal('no_answer');
    expect(record.attempts.map((a) => [a.step, a.target, a.outcome])).to.deep.equal([
      [0, DESK, 'busy'],
      [0, HOME, 'no_answer'],
      [1, MOBILE, 'no_answer'],
    ]);
    expect(record.note).to.match(/^no target answered/);
  });

  it('a failed route fails over to the next line for that target only', () => {
    const m = createMachine(followMe((e) => (e.steps = [{ ringSeconds: 20, targets: [{ number: DESK }, { number: HOME }] }])));
    m.send({ kind: 'parked', call: parkedCall() });
    grantHolds(m, T0 + 10);
    const desk = legsOf(m, DESK)[0]!;
    const down = m.send({ kind: 'originate_result', legUuid: desk.legUuid, ok: false, cause: 'GATEWAY_DOWN' }, T0 + 500);
    const hold = effectOf(down.effects, 'hold');
    const deskLegs = legsOf(m, DESK);
    expect(deskLegs).to.have.length(2);
    expect(deskLegs[1]).to.include({ legUuid: hold.legUuid, attempt: 1, line: 'office', slot: 0, step: 0 });
    expect(legsOf(m, HOME)).to.have.length(1);
  });

  it('the caller hangs up mid-step: every ringing leg is cancelled, the record says caller_hung_up', () => {
    const m = createMachine(followMe((e) => (e.steps = [{ ringSeconds: 20, targets: [{ number: DESK }, { number: HOME }] }])));
    m.send({ kind: 'parked', call: parkedCall() });
    grantHolds(m, T0 + 10);
    const gone = m.send({ kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: T0 + 3_000, call: null, parked: true }, T0 + 3_000);
    expect(gone.effects.filter((e) => e.kind === 'kill')).to.have.length(2);
    expect(kinds(gone.effects)).to.not.include('fallback');
    for (const leg of m.state?.legs ?? []) {
      m.send({ kind: 'leg_hung_up', legUuid: leg.legUuid, cause: 'ORIGINATOR_CANCEL', billsec: 0, answeredAt: null, endedAt: T0 + 3_020, bridgedAt: null });
    }
    expect(m.state?.phase).to.equal('done');
    const record = m.steps.flatMap((s) => s.effects).find((e) => e.kind === 'write_record');
    expect(record?.kind === 'write_record' ? record.record.outcome : null).to.equal('caller_hung_up');
  });

  it('a single target is one step rung for the worker originate timeout, as before follow-me', () => {
    const m = createMachine();
    m.send({ kind: 'parked', call: parkedCall() });
    expect(m.state?.plan?.steps).to.have.length(1);
    expect(m.state?.plan?.steps[0]?.ringSeconds).to.equal(30);
    expect(m.leg()).to.include({ step: 0, slot: 0, target: '+48602000002' });
  });
});

describe('forward machine: confirm to accept (rule 9)', () => {
  function confirming(): Machine {
    const m = createMachine(followMe((e) => (e.steps = [
      { ringSeconds: 15, targets: [{ number: MOBILE, confirm: CONFIRM }] },
      { ringSeconds: 10, targets: [{ number: DESK }] },
    ])));
    m.send({ kind: 'parked', call: parkedCall() });
    grantHolds(m, T0 + 10);
    return m;
  }

  it('asks FreeSWITCH for the confirm: key, prompt, read timeout; the ring time as leg_timeout, no early media', () => {
    const m = confirming();
    const originate = effectOf(m.last(), 'originate');
    expect(originate.variables).to.include({
      group_confirm_key: '1',
      group_confirm_file: CONFIRM.prompt,
      group_confirm_read_timeout: '5000',
      group_confirm_cancel_timeout: 'true',
      leg_timeout: '15',
      originate_timeout: '20',
      ignore_early_media: 'true',
    });
  });

  it('answered: the target hears the prompt, the caller keeps ringback: no bridge, no cap, no recording yet', () => {
    const m = confirming();
    const legUuid = m.leg().legUuid;
    const step = m.send({ kind: 'leg_answered', legUuid, at: T0 + 3_000 }, T0 + 3_000);
    expect(step.effects).to.deep.equal([]);
    expect(m.leg().status).to.equal('confirming');
  });

  it('the key (the originate answers +OK): bridged, capped, billed from the answer', () => {
    const m = confirming();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 3_000 }, T0 + 3_000);
    const step = m.send({ kind: 'originate_result', legUuid, ok: true, cause: null }, T0 + 4_000);
    expect(kinds(step.effects)).to.include.members(['bridge', 'cap']);
    expect(m.leg().status).to.equal('answered');
  });

  it('no key (-ERR NO_ANSWER though answered): that leg counts as no answer, is charged as the carrier bills it, and the next step rings', () => {
    const m = confirming();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 3_000 }, T0 + 3_000);
    const declined = m.send({ kind: 'originate_result', legUuid, ok: false, cause: 'NO_ANSWER' }, T0 + 20_000);
    expect(declined.effects).to.deep.include({ kind: 'kill', uuid: legUuid, cause: 'NORMAL_CLEARING' });
    expect(kinds(declined.effects)).to.not.include('void');
    expect(kinds(declined.effects)).to.not.include('bridge');
    expect(m.state?.step).to.equal(1);
    expect(holdsIn(declined.effects)).to.have.length(1);
    const hangup = m.send({ kind: 'leg_hung_up', legUuid, cause: 'NORMAL_CLEARING', billsec: 17, answeredAt: T0 + 3_000, endedAt: T0 + 20_010, bridgedAt: null });
    expect(effectOf(hangup.effects, 'post')).to.include({ legUuid, billsec: 17 });
  });

  it('a voicemail that hangs up during the prompt: charged, no answer, the forward moves on', () => {
    const m = confirming();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 3_000 }, T0 + 3_000);
    const hangup = m.send({ kind: 'leg_hung_up', legUuid, cause: 'NORMAL_CLEARING', billsec: 8, answeredAt: T0 + 3_000, endedAt: T0 + 11_000, bridgedAt: null }, T0 + 11_000);
    expect(kinds(hangup.effects)).to.include.members(['post', 'hold']);
    expect(kinds(hangup.effects)).to.not.include('fallback');
    expect(m.state?.legs[0]).to.include({ outcome: 'no_answer', status: 'ended' });
  });

  it('the confirm wait runs out (ring timeout past ring + confirm + slack): the leg is killed, its hold kept for its charge', () => {
    const m = confirming();
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 3_000 }, T0 + 3_000);
    const timeout = m.send({ kind: 'timer', timer: 'ring_timeout', legUuid, slice: 0 }, T0 + 25_000);
    expect(timeout.effects).to.deep.include({ kind: 'kill', uuid: legUuid, cause: 'NO_ANSWER' });
    expect(kinds(timeout.effects)).to.not.include('void');
    expect(m.state?.step).to.equal(1);
  });
});

describe('forward machine: the low-balance tone (rule 12)', () => {
  const warned = () =>
    buildConfig((input) => {
      input.billing = { lowBalanceWarning: { secondsBefore: 20, sound: '/usr/share/freeswitch/sounds/tone/low-balance.wav' } };
    });

  function talking(m: Machine): string {
    m.send({ kind: 'parked', call: parkedCall() });
    grantHolds(m, T0 + 10);
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    m.send({ kind: 'leg_bridged', legUuid, at: T0 + 5_050 }, T0 + 5_050);
    m.send({ kind: 'timer', timer: 'renew_credit', legUuid, slice: 1 }, T0 + 275_000);
    return legUuid;
  }

  it('the next slice refused: both parties hear the tone secondsBefore the cut, once; the record says so', () => {
    const m = createMachine(warned());
    const legUuid = talking(m);
    const refused = m.send({ kind: 'credit_extended', legUuid, slice: 2, held: 75 }, T0 + 275_010);
    // Covered 300 s from the answer at T0+5 s: the cut at T0+305 s, the tone at T0+285 s, 10 s from now.
    expect(refused.effects).to.deep.equal([{ kind: 'warn', legUuid, slice: 2, seconds: 10, sound: '/usr/share/freeswitch/sounds/tone/low-balance.wav' }]);
    const end = m.send({ kind: 'leg_hung_up', legUuid, cause: 'ALLOTTED_TIMEOUT', billsec: 300, answeredAt: T0 + 5_000, endedAt: T0 + 305_000, bridgedAt: T0 + 5_050 });
    expect(effectOf(end.effects, 'write_record').record.note).to.equal('cut at 300 s: what the balance of platform covered; the low-balance tone was played to both parties at 280 s');
  });

  it('more credit granted: no tone', () => {
    const m = createMachine(warned());
    const legUuid = talking(m);
    const granted = m.send({ kind: 'credit_extended', legUuid, slice: 2, held: 150 }, T0 + 275_010);
    expect(kinds(granted.effects)).to.not.include('warn');
  });

  it('no warning configured: no tone', () => {
    const m = createMachine();
    const legUuid = talking(m);
    const refused = m.send({ kind: 'credit_extended', legUuid, slice: 2, held: 75 }, T0 + 275_010);
    expect(refused.effects).to.deep.equal([]);
  });
});

describe('forward machine: the concurrent-forward limit (rule 11)', () => {
  const limited = () =>
    buildConfig((input) => {
      const platform = input.accounts?.find((a) => a.id === 'platform');
      if (platform === undefined) throw new Error('no platform account');
      platform.limits = { ...platform.limits, maxConcurrentForwards: 2 };
    });

  it('the first hold takes the call slot with the credit; the forward gives it back when done', () => {
    const m = createMachine(limited());
    const parked = m.send({ kind: 'parked', call: parkedCall() });
    const hold = effectOf(parked.effects, 'hold');
    expect(hold.slot).to.include({ callUuid: parkedCall().callUuid, limit: 2 });
    expect(hold.slot!.expiresAt).to.be.greaterThan(hold.expiresAt);
    m.send({ kind: 'credit_held', legUuid: hold.legUuid, held: hold.amount }, T0 + 10);
    const legUuid = m.leg().legUuid;
    m.send({ kind: 'leg_answered', legUuid, at: T0 + 5_000 }, T0 + 5_000);
    m.send({ kind: 'leg_bridged', legUuid, at: T0 + 5_050 }, T0 + 5_050);
    const end = m.send({ kind: 'leg_hung_up', legUuid, cause: 'NORMAL_CLEARING', billsec: 30, answeredAt: T0 + 5_000, endedAt: T0 + 35_000, bridgedAt: T0 + 5_050 });
    expect(end.effects).to.deep.include({ kind: 'release_slot', account: 'platform', callUuid: parkedCall().callUuid });
  });

  it('every slot taken: limit_reached, the next line is tried, then the fallback; the record says limit_reached', () => {
    const m = createMachine(limited());
    m.send({ kind: 'parked', call: parkedCall() });
    const first = effectOf(m.last(), 'hold');
    const refused = m.send({ kind: 'credit_refused', legUuid: first.legUuid, available: 0, limit: true });
    // bartek's route: main, then its failover line office, paid by the same account.
    const second = effectOf(refused.effects, 'hold');
    expect(m.leg()).to.include({ line: 'office' });
    const last = m.send({ kind: 'credit_refused', legUuid: second.legUuid, available: 0, limit: true });
    expect(kinds(last.effects)).to.include.members(['fallback', 'write_record', 'release_slot']);
    expect(effectOf(last.effects, 'write_record').record.outcome).to.equal('limit_reached');
  });

  it('an account without a limit asks for no slot and releases none', () => {
    const m = createMachine();
    m.send({ kind: 'parked', call: parkedCall() });
    expect(effectOf(m.last(), 'hold').slot).to.equal(null);
    const refused = m.send({ kind: 'credit_refused', legUuid: m.leg().legUuid, available: 0 });
    expect(kinds(refused.effects)).to.not.include('release_slot');
  });
});
