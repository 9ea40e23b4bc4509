import { expect } from 'chai';
import { memorySlopeKbPer1000 } from '../../src/stats/memory-slope.js';

describe('memorySlopeKbPer1000', () => {
  it('fits the growth per 1,000 calls through noisy samples', () => {
    const noise = [3, -2, 1, -3, 2, 0, -1, 1, 2, -3];
    const samples = noise.map((e, i) => ({ calls: i * 500, kb: 100_000 + i * 500 * 0.04 + e }));
    expect(memorySlopeKbPer1000(samples)).to.be.closeTo(40, 1.5);
  });

  it('is 0 for flat memory, negative when it shrinks', () => {
    expect(memorySlopeKbPer1000([0, 1, 2].map((i) => ({ calls: i * 100, kb: 5 })))).to.equal(0);
    expect(memorySlopeKbPer1000([0, 1, 2].map((i) => ({ calls: i * 1000, kb: 100 - i * 10 })))).to.equal(-10);
  });

  it('is null with under three samples or no change in calls', () => {
    expect(memorySlopeKbPer1000([{ calls: 0, kb: 1 }, { calls: 10, kb: 2 }])).to.equal(null);
    expect(memorySlopeKbPer1000([1, 2, 3].map((kb) => ({ calls: 7, kb })))).to.equal(null);
  });
});
