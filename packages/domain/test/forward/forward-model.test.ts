import { expect } from 'chai';
import fc from 'fast-check';
import { forwardEventId, mootTimers, stepForward, type ForwardState } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';
import { T0 } from '../fixtures/forward-harness.js';
import { runWorld, type History, type LegScript } from '../fixtures/forward-world.js';

const config = buildConfig();
const CONFIRM = { prompt: '/usr/share/freeswitch/sounds/press-1.wav', key: '1', timeoutSeconds: 5 } as const;
/** bartek's follow-me: his mobile (with a confirm), then desk and home at once. */
const followMe = buildConfig((input) => {
  const bartek = input.employees?.find((e) => e.id === 'bartek');
  if (bartek === undefined) throw new Error('no bartek');
  delete (bartek as { target?: string }).target;
  bartek.steps = [
    { ringSeconds: 10, targets: [{ number: '+48602000002', confirm: CONFIRM }] },
    { ringSeconds: 20, targets: [{ number: '+48603000003' }, { number: '+48604000004' }] },
  ];
});
const SCRIPTS: LegScript[] = ['answer', 'early_answer', 'busy', 'route_down', 'no_answer', 'confirm_key', 'confirm_none'];

/** The invariants every history must keep, each with the call it concerns. */
export function checkInvariants(h: History): void {
  expect(h.state?.phase, 'the forward ends (done)').to.equal('done');
  expect(h.bridgedLegs.length, 'at most one leg bridged').to.be.at.most(1);
  const attempts = h.originateEmitted.map((o) => o.attempt);
  expect(new Set(attempts).size, 'no line of a target of a step originated twice').to.equal(attempts.length);
  const legsOriginated = h.originateEmitted.map((o) => o.legUuid);
  expect(new Set(legsOriginated).size, 'no leg originated twice').to.equal(legsOriginated.length);
  for (const leg of h.answeredLegs) {
    expect(h.charges.get(leg) ?? 0, `answered leg ${leg} charged exactly once`).to.equal(1);
  }
  for (const [leg, count] of h.charges) {
    expect(h.answeredLegs, `charged leg ${leg} was answered`).to.include(leg);
    expect(count).to.equal(1);
  }
  for (const [leg, status] of h.holds) expect(status, `hold of ${leg} resolved`).to.not.equal('pending');
  const served = h.bridgedLegs.length > 0 || h.fallbacks > 0 || h.callerLeftUnserved;
  expect(served, 'the caller reached the bridge or the fallback (or left first)').to.equal(true);
  expect(h.fallbacks, 'the fallback at most once').to.be.at.most(1);
  expect(h.records.length, 'exactly one call record').to.equal(1);
  expect(h.recordConflicts, 'a repeated record write is the same record').to.equal(0);
  expect(h.aliveLegs, 'every leg ended (the losers cancelled)').to.deep.equal([]);
  if (h.bridgedLegs.length === 1 && h.answeredLegs.includes(h.bridgedLegs[0]!)) {
    expect(h.records[0]?.outcome).to.equal('answered');
  }
}

describe('forward machine: model test (random interleavings, duplicates, reorders, crashes)', () => {
  it('keeps every invariant over random histories', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(config, followMe),
        fc.array(fc.constantFrom(...SCRIPTS), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 50, maxLength: 600 }),
        fc.constantFrom(5_000, 100, 20, 0),
        fc.constantFrom(0, 50, 200),
        fc.constantFrom(0, 30),
        (world, scripts, choices, balance, crashPerMille, losePerMille) => {
          const history = runWorld({ config: world, scripts, balance, choices, crashPerMille, losePerMille });
          checkInvariants(history);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('a timer named moot changes nothing then or later, and stays moot (so the worker may drop it)', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(config, followMe),
        fc.array(fc.constantFrom(...SCRIPTS), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 50, maxLength: 600 }),
        fc.constantFrom(5_000, 100, 0),
        (world, scripts, choices, balance) => {
          const onStep = (before: ForwardState | null, after: ForwardState | null) => {
            if (after === null) return;
            const moot = mootTimers(after);
            const ids = new Set(moot.map(forwardEventId));
            if (before !== null) for (const id of mootTimers(before).map(forwardEventId)) expect(ids, `${id} moot before, so moot after`).to.include(id);
            for (const timer of moot) {
              const fired = stepForward(after, timer, { config: world, overrides: {}, now: T0 + 3_600_000, freshIds: Array.from({ length: 8 }, (_, i) => `f0000000-0000-4000-8000-00000000000${i}`) });
              expect(fired.effects, `${forwardEventId(timer)} fired in phase ${after.phase}`).to.deep.equal([]);
              expect(fired.state, `${forwardEventId(timer)} leaves the state as it is`).to.equal(after);
              checked += 1;
            }
          };
          runWorld({ config: world, scripts, balance, choices, crashPerMille: 50, losePerMille: 0, onStep });
        },
      ),
      { numRuns: 600 },
    );
    expect(checked, 'moot timers were found and fired').to.be.greaterThan(1000);
  });

  it('the follow-me world is exercised: nobody answers, so every target of both steps rang, then the fallback', () => {
    const history = runWorld({ config: followMe, scripts: ['no_answer'], balance: 5_000, choices: [0], crashPerMille: 0, losePerMille: 0, callerMayLeave: false });
    checkInvariants(history);
    expect(history.originateEmitted.map((o) => o.attempt).sort()).to.deep.equal(['0/0/0', '1/0/0', '1/1/0']);
    expect(history.fallbacks).to.equal(1);
  });

  it('a confirm voicemail (answers, never presses) is charged and not bridged; the next step is bridged', () => {
    const history = runWorld({ config: followMe, scripts: ['confirm_none', 'answer', 'no_answer'], balance: 5_000, choices: [0], crashPerMille: 0, losePerMille: 0, callerMayLeave: false });
    checkInvariants(history);
    const voicemail = history.placed[0]!;
    expect(history.answeredLegs).to.include(voicemail);
    expect(history.bridgedLegs).to.not.include(voicemail);
    expect(history.charges.get(voicemail)).to.equal(1);
    expect(history.bridgedLegs).to.have.length(1);
  });

  it('the checker catches a broken history (a leg charged twice is reported)', () => {
    const history = runWorld({ config, scripts: ['answer'], balance: 5_000, choices: [0], crashPerMille: 0, losePerMille: 0 });
    const broken: History = { ...history, charges: new Map([...history.charges].map(([k]) => [k, 2])) };
    if (history.charges.size === 0) broken.charges.set('x', 2);
    expect(() => checkInvariants(broken)).to.throw();
  });
});
