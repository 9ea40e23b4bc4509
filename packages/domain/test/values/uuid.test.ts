import { expect } from 'chai';
import { isUuid, UuidSchema } from '../../src/index.js';

describe('UUIDs', () => {
  it('accepts a lower-case canonical UUID', () => {
    expect(UuidSchema.safeParse('6f1c1b7e-8a53-4f0e-9d2a-3c4b5a697f10').success).to.equal(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).to.equal(true);
  });
  for (const bad of [
    '6F1C1B7E-8A53-4F0E-9D2A-3C4B5A697F10',
    '6f1c1b7e8a534f0e9d2a3c4b5a697f10',
    '{6f1c1b7e-8a53-4f0e-9d2a-3c4b5a697f10}',
    '',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      expect(UuidSchema.safeParse(bad).success).to.equal(false);
      expect(isUuid(bad)).to.equal(false);
    });
  }
});
