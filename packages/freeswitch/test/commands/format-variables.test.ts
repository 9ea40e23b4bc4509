import { expect } from 'chai';
import { BadCommandInput, formatVariableBlock, formatVariableValue } from '../../src/index.js';

describe('formatVariableValue / formatVariableBlock', () => {
  const cases: Array<[string, string]> = [
    ['48220000001', '48220000001'],
    ['Alice Caller', "'Alice Caller'"],
    ['a,b', 'a\\,b'],
    ['Smith, Alice', "'Smith\\, Alice'"],
    ['<sip:48221234567@127.0.0.1>;reason=unconditional', '<sip:48221234567@127.0.0.1>;reason=unconditional'],
    ['Zoë', 'Zoë'],
  ];
  for (const [value, formatted] of cases) {
    it(`formats ${JSON.stringify(value)} as ${formatted}`, () => {
      expect(formatVariableValue('v', value)).to.equal(formatted);
    });
  }

  it('joins pairs in order and refuses a name set twice', () => {
    expect(
      formatVariableBlock([
        ['a', '1'],
        ['b', 'x y'],
      ]),
    ).to.equal("{a=1,b='x y'}");
    expect(() =>
      formatVariableBlock([
        ['a', '1'],
        ['a', '2'],
      ]),
    ).to.throw(BadCommandInput);
  });

  it('names the field in the error', () => {
    try {
      formatVariableBlock([['callfwd_x', 'a}b']]);
      expect.fail('should refuse');
    } catch (err) {
      expect(err).to.be.instanceOf(BadCommandInput);
      expect((err as BadCommandInput).field).to.equal('variables.callfwd_x');
      expect((err as BadCommandInput).code).to.equal('BAD_INPUT');
    }
  });
});
