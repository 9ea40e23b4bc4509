import { expect } from 'chai';
import { percentDecode } from '../../src/index.js';

describe('percentDecode', () => {
  const table: Array<[string, string]> = [
    ['Alice%20Caller', 'Alice Caller'],
    [
      '%7Borigination_caller_id_number%3D48220000001%7Dloopback/700%20%26park()',
      '{origination_caller_id_number=48220000001}loopback/700 &park()',
    ],
    ['a+b', 'a+b'],
    ['Zo%C3%AB', 'Zoë'],
    ['100%', '100%'],
    ['%zz%2', '%zz%2'],
    ['Zoë%20x', 'Zoë x'],
    ['%2BOK%0A', '+OK\n'],
  ];
  for (const [encoded, decoded] of table) {
    it(`decodes ${encoded}`, () => {
      expect(percentDecode(encoded)).to.equal(decoded);
    });
  }
});
