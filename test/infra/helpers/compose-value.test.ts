import { expect } from 'chai';
import { composeDefault, requiredComposeVariables } from './compose-value.js';

describe('composeDefault', () => {
  const cases: Array<[string, string]> = [
    ['${CALLFWD_CONFIG:-./config/x.yaml}:/etc/callfwd/callfwd.yaml:ro', './config/x.yaml:/etc/callfwd/callfwd.yaml:ro'],
    ['${IMAGE-redis:7}', 'redis:7'],
    ['${CALLFWD_FS1_PASSWORD:?set it}', '<CALLFWD_FS1_PASSWORD>'],
    ['${PLAIN}', '<PLAIN>'],
    ['-p "$$PASSWORD"', '-p "$PASSWORD"'],
  ];
  for (const [value, expected] of cases) {
    it(`reads ${value} as ${expected}`, () => {
      expect(composeDefault(value)).to.equal(expected);
    });
  }
});

describe('requiredComposeVariables', () => {
  it('names the variables marked required, not those with a default', () => {
    expect(requiredComposeVariables('${A:?a} ${B?b} ${C:-c} ${D}')).to.deep.equal(['A', 'B']);
  });
});
