import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

// Rules 8 to 11 against the simulator: follow-me steps, confirm to accept, working hours, and the
// destination rules. The employee "fiona" on pbx-b (forwards always, via the main number).
const MOBILE = '+48609000001';
const DESK = '+48609000002';
const HOME = '+48609000003';
const PREMIUM = '+48701000001';
const PROMPT = '/usr/share/freeswitch/sounds/en/us/callie/ivr/press-1.wav';
const digits = (e164: string) => e164.slice(1);
const CALL = { connection: 'pbx-b', dialled: '48221120009', callerNumber: '48501234567', callerName: 'Follow' } as const;

function fionaConfig(fiona: Record<string, unknown>) {
  return (input: { employees?: unknown[] }) => {
    input.employees = [
      ...(input.employees ?? []),
      { id: 'fiona', name: 'Fiona', connection: 'pbx-b', extensions: ['+48221120009'], triggers: ['always'], ...fiona },
    ];
  };
}

describe('e2e follow-me (rule 8): steps, simultaneous legs, the first answer wins', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      editConfig: fionaConfig({
        steps: [
          { ringSeconds: 10, targets: [{ number: MOBILE }] },
          { ringSeconds: 20, targets: [{ number: DESK }, { number: HOME }] },
        ],
      }),
    });
  });
  after(() => stack.stop());

  it('mobile busy, then desk and home ring at once; home answers, desk is cancelled (LOSE_RACE) and never charged', async () => {
    const fs1 = stack.node('fs1');
    fs1.setFarEnd(digits(MOBILE), { kind: 'busy' });
    fs1.setFarEnd(digits(DESK), { kind: 'no_answer' });
    fs1.setFarEnd(digits(HOME), { kind: 'answer', afterMs: 3_000, hangupAfterMs: 30_000 });
    const call = stack.placeCall(CALL);
    const record = await stack.waitForRecord(call);
    expect(record).to.deep.include({ outcome: 'answered', target: HOME, viaLine: 'main' });
    expect(record.attempts.map((a) => [a.step, a.target, a.outcome])).to.deep.equal([
      [0, MOBILE, 'busy'],
      [1, DESK, 'no_answer'],
      [1, HOME, 'answered'],
    ]);
    const desk = record.attempts.find((a) => a.target === DESK)!;
    expect(desk.cause).to.equal('LOSE_RACE');
    expect(stack.commandsAbout(desk.legUuid).some((c) => c.startsWith(`api uuid_kill ${desk.legUuid} LOSE_RACE`))).to.equal(true);
    // Both legs of step 2 were placed together, each its own originate with its own leg uuid.
    const originates = stack.originatesFor(call);
    const dialled = originates.map((o) => o.dialString.split('/').pop());
    expect(dialled[0], 'step 1 first').to.equal(digits(MOBILE));
    // Step 2's two legs are placed together: in either order (two jobs of the forward may each send one).
    expect(dialled.slice(1).sort()).to.deep.equal([digits(DESK), digits(HOME)].sort());
    const debits = await stack.ledger.listDebits('platform', 100);
    const legs = new Set(record.attempts.map((a) => a.legUuid));
    const ours = debits.filter((d) => legs.has(d.leg));
    expect(ours.map((d) => d.leg)).to.deep.equal([record.attempts[2]!.legUuid]);
  });

  it('nobody answers in either step: the fallback after the last step, a record of every leg', async () => {
    const fs1 = stack.node('fs1');
    fs1.setFarEnd(digits(MOBILE), { kind: 'no_answer' });
    fs1.setFarEnd(digits(DESK), { kind: 'no_answer' });
    fs1.setFarEnd(digits(HOME), { kind: 'busy' });
    const call = stack.placeCall(CALL);
    const record = await stack.waitForRecord(call);
    expect(record.outcome).to.be.oneOf(['no_answer', 'busy']);
    expect(record.attempts.map((a) => a.target)).to.have.members([MOBILE, DESK, HOME]);
    await waitFor('the fallback', () => stack.commandsAbout(call).some((c) => c.startsWith(`api uuid_transfer ${call}`)));
  });
});

describe('e2e confirm to accept (rule 9)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      editConfig: fionaConfig({
        confirm: { prompt: PROMPT, key: '1', timeoutSeconds: 5 },
        steps: [
          { ringSeconds: 15, targets: [{ number: MOBILE }] },
          { ringSeconds: 15, targets: [{ number: DESK, confirm: undefined }] },
        ],
      }),
    });
  });
  after(() => stack.stop());

  it('the target presses 1: bridged; the originate carried the confirm variables', async () => {
    stack.node('fs1').setFarEnd(digits(MOBILE), { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000, keys: { digits: '1', afterMs: 1_000 } });
    const call = stack.placeCall(CALL);
    const record = await stack.waitForRecord(call);
    expect(record).to.deep.include({ outcome: 'answered', target: MOBILE });
    const [originate] = stack.originatesFor(call);
    const vars = new Map(originate!.vars);
    expect(vars.get('group_confirm_key')).to.equal('1');
    expect(vars.get('group_confirm_file')).to.equal(PROMPT);
    expect(vars.get('ignore_early_media')).to.equal('true');
  });

  it('a voicemail answers and never presses: not bridged, charged as the carrier bills it, the next step rings', async () => {
    stack.node('fs1').setFarEnd(digits(MOBILE), { kind: 'answer', afterMs: 1_000, hangupAfterMs: 60_000 });
    stack.node('fs1').setFarEnd(digits(DESK), { kind: 'answer', afterMs: 1_000, hangupAfterMs: 10_000, keys: { digits: '1', afterMs: 500 } });
    const call = stack.placeCall(CALL);
    const record = await stack.waitForRecord(call);
    expect(record).to.deep.include({ outcome: 'answered', target: DESK });
    const voicemail = record.attempts.find((a) => a.target === MOBILE)!;
    expect(voicemail.outcome).to.equal('no_answer');
    const debits = await waitFor('the voicemail leg charged', async () => {
      const list = await stack.ledger.listDebits('platform', 100);
      return list.some((d) => d.leg === voicemail.legUuid) ? list : undefined;
    });
    expect(debits.filter((d) => d.leg === voicemail.legUuid)).to.have.length(1);
  });
});

describe('e2e working hours and destination rules (rules 10, 11)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      editConfig: (input) => {
        fionaConfig({
          target: MOBILE,
          // Never inside hours at any moment of the test: a window of one minute a year away.
          schedule: { timeZone: 'Europe/Warsaw', weekly: [], exceptions: [{ date: '2099-01-01', ranges: [{ from: '03:00', to: '03:01' }] }] },
          when: { always: 'inside' },
        })(input);
        input.employees = [
          ...(input.employees ?? []),
          { id: 'gosia', name: 'Gosia', connection: 'pbx-b', extensions: ['+48221120010'], target: PREMIUM, triggers: ['always'] },
        ];
      },
    });
  });
  after(() => stack.stop());

  it('outside working hours the trigger does not apply: not forwarded, the fallback, no leg placed', async () => {
    const call = stack.placeCall(CALL);
    const record = await stack.waitForRecord(call);
    expect(record.outcome).to.equal('not_forwarded');
    expect(record.note).to.match(/hours/);
    expect(stack.originatesFor(call)).to.deep.equal([]);
    await waitFor('the fallback', () => stack.commandsAbout(call).some((c) => c.startsWith(`api uuid_transfer ${call}`)));
  });

  it('a premium-rate target is refused: destination_not_allowed, the fallback, nothing rung or held', async () => {
    const call = stack.placeCall({ ...CALL, dialled: '48221120010' });
    const record = await stack.waitForRecord(call);
    expect(record.outcome).to.equal('destination_not_allowed');
    expect(record.note).to.match(/premium/);
    expect(stack.originatesFor(call)).to.deep.equal([]);
    await waitFor('the fallback', () => stack.commandsAbout(call).some((c) => c.startsWith(`api uuid_transfer ${call}`)));
  });
});

describe('e2e concurrent-forward limit (rule 11)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      farEnds: { '48601000003': { kind: 'answer', afterMs: 1_000, hangupAfterMs: 40_000 } },
      editConfig: (input) => {
        const platform = input.accounts?.find((a) => a.id === 'platform');
        if (platform === undefined) throw new Error('no platform account');
        platform.limits = { maxConcurrentForwards: 1 };
      },
    });
  });
  after(() => stack.stop());

  it('an account that pays for one forward at a time: the second caller gets limit_reached and the fallback; once the first ends, the slot is free', async () => {
    // carol's calls leave through the rented sales number, paid by the platform account.
    const first = stack.placeCall({ connection: 'sales', dialled: '48225550000', callerNumber: '48501234567', callerName: 'One' });
    await waitFor('the first forward answered', async () => (await stack.ledger.slotsInUse('platform')) === 1 && stack.originatesFor(first).length === 1);
    const second = stack.placeCall({ connection: 'sales', dialled: '48225550000', callerNumber: '48501234568', callerName: 'Two' });
    const refused = await stack.waitForRecord(second);
    expect(refused.outcome).to.equal('limit_reached');
    expect(stack.originatesFor(second)).to.deep.equal([]);
    await waitFor('the fallback', () => stack.commandsAbout(second).some((c) => c.startsWith(`api uuid_transfer ${second}`)));
    const answered = await stack.waitForRecord(first);
    expect(answered.outcome).to.equal('answered');
    await waitFor('the slot given back', async () => (await stack.ledger.slotsInUse('platform')) === 0);
    const third = stack.placeCall({ connection: 'sales', dialled: '48225550000', callerNumber: '48501234569', callerName: 'Three' });
    expect((await stack.waitForRecord(third)).outcome).to.equal('answered');
  });
});
