import { expect } from 'chai';
import { backoffDelayMs } from '../../src/index.js';

describe('backoffDelayMs', () => {
  const policy = { initialMs: 100, maxMs: 5000 };
  const table: Array<[attempt: number, random: number, delay: number]> = [
    [0, 0, 50],
    [0, 0.999999, 100],
    [1, 0, 100],
    [3, 0.5, 600],
    [6, 0, 2500],
    [6, 0.999999, 5000],
    [40, 0.5, 3750],
  ];
  for (const [attempt, random, delay] of table) {
    it(`waits ${delay} ms on attempt ${attempt} with jitter ${random}`, () => {
      expect(backoffDelayMs(attempt, policy, () => random)).to.equal(delay);
    });
  }
});
