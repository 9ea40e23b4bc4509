import { expect } from 'chai';
import fc from 'fast-check';
import { buildConfig } from '../fixtures/example-config.js';
import { runWorld, type History, type LegScript } from '../fixtures/forward-world.js';

const config = buildConfig();
const SCRIPTS: LegScript[] = ['answer', 'early_answer', 'busy', 'route_down', 'no_answer'];

/** The invariants every history must keep, each with the call it concerns. */
export function checkInvariants(h: History): void {
  expect(h.state?.phase, 'the forward ends (done)').to.equal('done');
  expect(h.bridgedLegs.length, 'at most one leg bridged').to.be.at.most(1);
  const attempts = h.originateEmitted.map((o) => o.attempt);
  expect(new Set(attempts).size, 'no attempt (step) originated twice').to.equal(attempts.length);
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
  if (h.bridgedLegs.length === 1 && h.answeredLegs.includes(h.bridgedLegs[0]!)) {
    expect(h.records[0]?.outcome).to.equal('answered');
  }
}

describe('forward machine: model test (random interleavings, duplicates, reorders, crashes)', () => {
  it('keeps every invariant over random histories', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...SCRIPTS), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 50, maxLength: 600 }),
        fc.constantFrom(5_000, 100, 20, 0),
        fc.constantFrom(0, 50, 200),
        fc.constantFrom(0, 30),
        (scripts, choices, balance, crashPerMille, losePerMille) => {
          const history = runWorld({ config, scripts, balance, choices, crashPerMille, losePerMille });
          checkInvariants(history);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the checker catches a broken history (a leg charged twice is reported)', () => {
    const history = runWorld({ config, scripts: ['answer'], balance: 5_000, choices: [0], crashPerMille: 0, losePerMille: 0 });
    const broken: History = { ...history, charges: new Map([...history.charges].map(([k]) => [k, 2])) };
    if (history.charges.size === 0) broken.charges.set('x', 2);
    expect(() => checkInvariants(broken)).to.throw();
  });
});
