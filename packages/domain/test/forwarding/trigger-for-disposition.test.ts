import { expect } from 'chai';
import { triggerForDisposition } from '../../src/index.js';

describe('triggerForDisposition', () => {
  const table: Array<[string | null | undefined, ReturnType<typeof triggerForDisposition>]> = [
    [undefined, { kind: 'none' }],
    [null, { kind: 'none' }],
    ['  ', { kind: 'none' }],
    ['FAILURE', { kind: 'none' }],
    ['USER_BUSY', { kind: 'trigger', trigger: 'busy' }],
    ['NO_ANSWER', { kind: 'trigger', trigger: 'no_answer' }],
    ['USER_NOT_REGISTERED', { kind: 'trigger', trigger: 'unavailable' }],
    ['NORMAL_CLEARING', { kind: 'not_forwardable', cause: 'NORMAL_CLEARING' }],
    ['constructor', { kind: 'not_forwardable', cause: 'CONSTRUCTOR' }],
  ];
  for (const [disposition, expected] of table) {
    it(`reads ${JSON.stringify(disposition)}`, () => {
      expect(triggerForDisposition(disposition)).to.deep.equal(expected);
    });
  }
});
