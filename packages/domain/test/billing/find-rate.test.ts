import { expect } from 'chai';
import type { Tariff } from '../../src/index.js';
import { findRate } from '../../src/index.js';

const tariff: Tariff = {
  id: 't',
  currency: 'EUR',
  increment: '60/60',
  connectFee: 0,
  rates: [
    { prefix: '486', perMinute: 15 },
    { prefix: '48', perMinute: 9 },
    { prefix: '4860', perMinute: 20 },
    { prefix: '1', perMinute: 3 },
  ],
};

describe('rule 4: longest-prefix rate (findRate)', () => {
  const table: Array<[string, string | null]> = [
    ['+48221000000', '48'],
    ['+48501000000', '48'],
    ['+48601000001', '4860'],
    ['+48611000001', '486'],
    ['+12025550100', '1'],
    ['+4930123456', null],
  ];
  for (const [destination, prefix] of table) {
    it(`${destination} -> ${String(prefix)}`, () => {
      expect(findRate(tariff, destination)?.prefix ?? null).to.equal(prefix);
    });
  }
});
