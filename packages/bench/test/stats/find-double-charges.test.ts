import { expect } from 'chai';
import { findDoubleCharges } from '../../src/stats/find-double-charges.js';

describe('findDoubleCharges', () => {
  it('finds every leg debited more than once', () => {
    const debits = [{ leg: 'l1' }, { leg: 'l2' }, { leg: 'l1' }, { leg: 'l3' }, { leg: 'l1' }, { leg: 'l3' }];
    expect(findDoubleCharges(debits)).to.deep.equal([{ leg: 'l1', debits: 3 }, { leg: 'l3', debits: 2 }]);
  });

  it('finds none when each leg is debited once', () => {
    expect(findDoubleCharges([{ leg: 'a' }, { leg: 'b' }])).to.deep.equal([]);
    expect(findDoubleCharges([])).to.deep.equal([]);
  });
});
