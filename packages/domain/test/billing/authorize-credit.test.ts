import { expect } from 'chai';
import fc from 'fast-check';
import type { Tariff } from '../../src/index.js';
import { authorizeCredit, CallfwdError, rateCall } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';
import { tariffArb } from '../fixtures/tariff-arbitrary.js';

const config = buildConfig();
const standardEur = config.tariffs.find((t) => t.id === 'standard-eur')!; // 60/60, no fee, 48: 9
const pbxPln = config.tariffs.find((t) => t.id === 'pbx-pln')!; // 60/1, fee 10, 4860: 35

function cost(tariff: Tariff, seconds: number): number {
  const rating = rateCall(tariff, '+48221000000', seconds);
  if (!rating.ok) throw new Error('no rate');
  return rating.cost;
}

describe('rule 4: credit authorization (authorizeCredit)', () => {
  const table: Array<[string, Tariff, string, number, number, number, number]> = [
    ['caps at maxCallSeconds when the balance covers it', standardEur, '+48221000000', 5000, 3600, 3600, 540],
    ['covers whole minutes on 60/60', standardEur, '+48221000000', 20, 3600, 120, 18],
    ['exactly one minute', standardEur, '+48221000000', 9, 3600, 60, 9],
    [
      '60/1 with a fee: 100 covers the first minute and some seconds',
      pbxPln,
      '+48601000001',
      100,
      3600,
      154,
      100,
    ],
    [
      'a cap below the first increment still costs the first increment',
      standardEur,
      '+48221000000',
      9,
      30,
      30,
      9,
    ],
  ];
  for (const [name, tariff, destination, available, maxCallSeconds, maxSeconds, reserve] of table) {
    it(`${name}: ${available} available -> ${maxSeconds} s, reserve ${reserve}`, () => {
      expect(authorizeCredit({ tariff, destination, available, maxCallSeconds })).to.deep.equal({
        ok: true,
        maxSeconds,
        reserve,
      });
    });
  }

  const refusals: Array<[string, Tariff, string, number, string]> = [
    ['an empty balance', standardEur, '+48221000000', 0, 'insufficient_credit'],
    ['less than the first increment', standardEur, '+48221000000', 8, 'insufficient_credit'],
    ['an overdrawn balance', standardEur, '+48221000000', -50, 'insufficient_credit'],
    ['the connect fee alone is not covered', pbxPln, '+48601000001', 10, 'insufficient_credit'],
    ['no rate for the destination', standardEur, '+33123456789', 100000, 'no_rate'],
  ];
  for (const [name, tariff, destination, available, reason] of refusals) {
    it(`refuses ${name}: ${reason}`, () => {
      const result = authorizeCredit({ tariff, destination, available, maxCallSeconds: 3600 });
      expect(result.ok ? 'ok' : result.reason).to.equal(reason);
    });
  }

  it('throws BAD_INPUT for a non-integer balance or cap', () => {
    for (const [available, maxCallSeconds] of [
      [1.5, 60],
      [100, 0],
      [100, Number.NaN],
    ] as const) {
      expect(() =>
        authorizeCredit({ tariff: standardEur, destination: '+48221000000', available, maxCallSeconds }),
      )
        .to.throw(CallfwdError)
        .with.property('code', 'BAD_INPUT');
    }
  });
});

describe('rule 4: credit authorization properties (authorizeCredit)', () => {
  const available = fc.integer({ min: -100, max: 2_000_000 });
  const cap = fc.integer({ min: 1, max: 86_400 });

  it('the authorized length never costs more than the balance; one more second would, unless capped', () => {
    fc.assert(
      fc.property(tariffArb, available, cap, (tariff, balance, maxCallSeconds) => {
        const auth = authorizeCredit({
          tariff,
          destination: '+48221000000',
          available: balance,
          maxCallSeconds,
        });
        if (!auth.ok) return auth.reason === 'insufficient_credit' && cost(tariff, 1) > balance;
        const [first, next] = tariff.increment.split('/').map(Number) as [number, number];
        const onBoundary = auth.maxSeconds === first || (auth.maxSeconds - first) % next === 0;
        return (
          auth.reserve === cost(tariff, auth.maxSeconds) &&
          auth.reserve <= balance &&
          auth.maxSeconds >= 1 &&
          auth.maxSeconds <= maxCallSeconds &&
          (auth.maxSeconds === maxCallSeconds || (onBoundary && cost(tariff, auth.maxSeconds + 1) > balance))
        );
      }),
    );
  });

  it('matches a brute-force search over every second (small caps)', () => {
    fc.assert(
      fc.property(
        tariffArb,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 600 }),
        (t, balance, max) => {
          let longest = 0;
          for (let s = 1; s <= max; s += 1) if (cost(t, s) <= balance) longest = s;
          const auth = authorizeCredit({
            tariff: t,
            destination: '+48221000000',
            available: balance,
            maxCallSeconds: max,
          });
          return auth.ok ? auth.maxSeconds === longest : longest === 0;
        },
      ),
      { numRuns: 300 },
    );
  });
});
