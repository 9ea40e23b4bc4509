import { expect } from 'chai';
import { safeDisplayName } from '../../src/index.js';

describe('safeDisplayName', () => {
  const table: Array<[string, string]> = [
    ['Main outbound number', 'Main outbound number'],
    ['Celina Wójcik', 'Celina Wójcik'],
    ['O\'Brien, "Sales"', 'O Brien Sales'],
    ['{origination_caller_id_number=1}', 'origination_caller_id_number 1'],
    ['a\r\nb\tc', 'a b c'],
    ['^^^', ''],
    ['x'.repeat(100), 'x'.repeat(48)],
  ];
  for (const [raw, safe] of table) {
    it(`${JSON.stringify(raw)} -> ${JSON.stringify(safe)}`, () => {
      expect(safeDisplayName(raw)).to.equal(safe);
    });
  }
});
