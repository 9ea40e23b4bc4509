import { expect } from 'chai';
import { CurrencySchema, MinorUnitsSchema } from '../../src/index.js';

describe('money: minor units and currency', () => {
  for (const amount of [0, 1, 5000, Number.MAX_SAFE_INTEGER]) {
    it(`accepts ${amount} minor units`, () =>
      expect(MinorUnitsSchema.safeParse(amount).success).to.equal(true));
  }
  for (const amount of [-1, 0.5, 2 ** 53, Number.NaN, '5']) {
    it(`refuses ${String(amount)} as minor units`, () =>
      expect(MinorUnitsSchema.safeParse(amount).success).to.equal(false));
  }
  it('accepts three upper-case letters as a currency, nothing else', () => {
    expect(CurrencySchema.safeParse('EUR').success).to.equal(true);
    for (const bad of ['eur', 'EURO', 'E1R', ''])
      expect(CurrencySchema.safeParse(bad).success, bad).to.equal(false);
  });
});
