import { expect } from 'chai';
import { dialledDigits, sanitizeDigits } from '../../src/index.js';

describe('dialled numbers as received', () => {
  const table: Array<[string, string | null]> = [
    ['48221110001', '48221110001'],
    ['+48221110001', '48221110001'],
    [' 100 ', '100'],
    ['48221110001;user=phone', null],
    ['++48', null],
    ['', null],
    ['1'.repeat(21), null],
  ];
  for (const [raw, digits] of table) {
    it(`${JSON.stringify(raw)} -> ${String(digits)}`, () => expect(dialledDigits(raw)).to.equal(digits));
  }
  it('sanitizes untrusted text to at most 20 digits', () => {
    expect(sanitizeDigits("48'}{x^1")).to.equal('481');
    expect(sanitizeDigits('9'.repeat(30))).to.equal('9'.repeat(20));
  });
});
