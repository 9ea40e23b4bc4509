import { expect } from 'chai';
import fc from 'fast-check';
import { formatVariableValue, sanitizeCallerText } from '../../src/index.js';

describe('sanitizeCallerText', () => {
  const cases: Array<[string, string]> = [
    ['Alice Caller', 'Alice Caller'],
    ['  Zoë   Łukasiewicz\t', 'Zoë Łukasiewicz'],
    ["Alice'}\n,origination_uuid=evil{", 'Alice ,origination_uuidevil'],
    ['Bob\r\n\r\napi hupall', 'Bob api hupall'],
    ['${system(rm -rf /)}', 'system(rm -rf )'],
    ['A\0B\u202EC\\D', 'ABCD'],
    ['Smith & Co | x ^ y', 'Smith Co x y'],
    ['"quoted"', 'quoted'],
  ];
  for (const [input, output] of cases) {
    it(`turns ${JSON.stringify(input)} into ${JSON.stringify(output)}`, () => {
      expect(sanitizeCallerText(input)).to.equal(output);
    });
  }

  it('cuts to maxLength code points', () => {
    expect(sanitizeCallerText('é'.repeat(100), 10)).to.equal('é'.repeat(10));
    expect(sanitizeCallerText('x'.repeat(1000))).to.have.length(64);
  });

  it('always gives text the command layer accepts (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (input) => {
        const clean = sanitizeCallerText(input);
        if (clean === '') return;
        expect(() => formatVariableValue('name', clean)).to.not.throw();
      }),
      { numRuns: 2000 },
    );
  });
});
