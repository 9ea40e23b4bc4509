import { expect } from 'chai';
import { CallfwdError, chargedSecondsFor, parseIncrement } from '../../src/index.js';

describe('rule 4: billing increments (parseIncrement, chargedSecondsFor)', () => {
  it('reads "<first>/<next>"', () => {
    expect(parseIncrement('60/1')).to.deep.equal({ first: 60, next: 1 });
    expect(parseIncrement('30/6')).to.deep.equal({ first: 30, next: 6 });
  });

  for (const bad of ['60', '0/1', '60/0', '60/1/1', ' 60/60', '-1/1', '1.5/1']) {
    it(`throws BAD_INPUT for ${JSON.stringify(bad)}`, () => {
      expect(() => parseIncrement(bad))
        .to.throw(CallfwdError)
        .with.property('code', 'BAD_INPUT');
    });
  }

  const table: Array<[string, number, number]> = [
    ['60/60', 0, 0],
    ['60/60', 1, 60],
    ['60/60', 60, 60],
    ['60/60', 61, 120],
    ['60/1', 61, 61],
    ['60/1', 59, 60],
    ['30/6', 31, 36],
    ['30/6', 36, 36],
    ['30/6', 37, 42],
    ['1/1', 1, 1],
    ['1/1', 3599, 3599],
  ];
  for (const [increment, billed, charged] of table) {
    it(`${increment}: ${billed} s billed -> ${charged} s charged`, () => {
      expect(chargedSecondsFor(parseIncrement(increment), billed)).to.equal(charged);
    });
  }
});
