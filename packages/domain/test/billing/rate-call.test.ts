import { expect } from 'chai';
import fc from 'fast-check';
import type { Tariff } from '../../src/index.js';
import { CallfwdError, rateCall } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';
import { tariffArb } from '../fixtures/tariff-arbitrary.js';

const config = buildConfig();
const standardEur = config.tariffs.find((t) => t.id === 'standard-eur')!; // 60/60, no fee, 48: 9, 486: 15
const pbxPln = config.tariffs.find((t) => t.id === 'pbx-pln')!; // 60/1, fee 10, 48: 20, 4860: 35, 49: 60

describe('rule 4: billing (rateCall)', () => {
  const table: Array<[string, Tariff, string, number, number, number, string]> = [
    ['an unanswered leg costs nothing, not even the connect fee', pbxPln, '+48601000001', 0, 0, 0, '4860'],
    ['one second is a whole first increment', standardEur, '+48221000000', 1, 60, 9, '48'],
    ['60/60: a minute', standardEur, '+48221000000', 60, 60, 9, '48'],
    ['60/60: a second past a minute is two minutes', standardEur, '+48221000000', 61, 120, 18, '48'],
    ['longest prefix wins', standardEur, '+48601000001', 61, 120, 30, '486'],
    ['60/1 with a connect fee, rounded up to a minor unit', pbxPln, '+48601000001', 61, 61, 10 + 36, '4860'],
    ['60/1: a short call is charged the first minute', pbxPln, '+48601000001', 30, 60, 10 + 35, '4860'],
    ['60/1: 90 s at 60 per minute', pbxPln, '+4930123456', 90, 90, 10 + 90, '49'],
  ];
  for (const [name, tariff, destination, billed, charged, cost, prefix] of table) {
    it(`${name}: ${billed} s to ${destination} -> ${charged} s, ${cost}`, () => {
      expect(rateCall(tariff, destination, billed)).to.deep.equal({
        ok: true,
        cost,
        chargedSeconds: charged,
        prefix,
        perMinute: tariff.rates.find((r) => r.prefix === prefix)!.perMinute,
      });
    });
  }

  it('has no rate for a destination no prefix matches', () => {
    expect(rateCall(standardEur, '+33123456789', 60)).to.deep.equal({ ok: false, reason: 'no_rate' });
  });

  for (const billed of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`throws BAD_INPUT for billed seconds ${billed}`, () => {
      expect(() => rateCall(standardEur, '+48221000000', billed))
        .to.throw(CallfwdError)
        .with.property('code', 'BAD_INPUT');
    });
  }
});

function rated(tariff: Tariff, seconds: number) {
  const rating = rateCall(tariff, '+48221000000', seconds);
  if (!rating.ok) throw new Error('no rate');
  return rating;
}

describe('rule 4: billing properties (rateCall)', () => {
  const seconds = fc.integer({ min: 0, max: 200_000 });

  it('cost is never negative and is exact integer arithmetic', () => {
    fc.assert(
      fc.property(tariffArb, seconds, (tariff, billed) => {
        const { cost, chargedSeconds } = rated(tariff, billed);
        const perMinute = BigInt(tariff.rates[0]!.perMinute);
        const exact =
          chargedSeconds === 0
            ? 0n
            : BigInt(tariff.connectFee) + (BigInt(chargedSeconds) * perMinute + 59n) / 60n;
        return Number.isSafeInteger(cost) && cost >= 0 && BigInt(cost) === exact;
      }),
    );
  });

  it('cost and charged seconds never decrease as the call grows', () => {
    fc.assert(
      fc.property(tariffArb, seconds, fc.integer({ min: 0, max: 5000 }), (tariff, billed, more) => {
        const shorter = rated(tariff, billed);
        const longer = rated(tariff, billed + more);
        return longer.cost >= shorter.cost && longer.chargedSeconds >= shorter.chargedSeconds;
      }),
    );
  });

  it('charged seconds follow the increment pattern exactly: first, then whole next blocks, the least that covers', () => {
    fc.assert(
      fc.property(tariffArb, seconds, (tariff, billed) => {
        const [first, next] = tariff.increment.split('/').map(Number) as [number, number];
        const { chargedSeconds } = rated(tariff, billed);
        if (billed === 0) return chargedSeconds === 0;
        if (billed <= first) return chargedSeconds === first;
        return (
          (chargedSeconds - first) % next === 0 && chargedSeconds >= billed && chargedSeconds - billed < next
        );
      }),
    );
  });
});
