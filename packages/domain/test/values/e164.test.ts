import { expect } from 'chai';
import { E164Schema, isE164, toDialDigits } from '../../src/index.js';

describe('E.164 numbers', () => {
  const valid = ['+48221000000', '+12025550100', '+4930123456', '+12345678', '+123456789012345'];
  const invalid = [
    '48221000000',
    '+0221000000',
    '+1234567',
    '+1234567890123456',
    '+48 221000000',
    '',
    '+',
    '+4822100000a',
  ];
  for (const number of valid) {
    it(`accepts ${number}`, () => {
      expect(E164Schema.safeParse(number).success).to.equal(true);
      expect(isE164(number)).to.equal(true);
    });
  }
  for (const number of invalid) {
    it(`refuses ${JSON.stringify(number)}`, () => {
      expect(E164Schema.safeParse(number).success).to.equal(false);
      expect(isE164(number)).to.equal(false);
    });
  }
  it('dials the digits without +', () => {
    expect(toDialDigits('+48221000000')).to.equal('48221000000');
  });
});
