import { expect } from 'chai';
import { readinessStatus, type ReadinessStatus, type Readiness } from '../../src/index.js';

describe('readinessStatus', () => {
  const rows: Array<[string, Readiness, ReadinessStatus]> = [
    ['every check holds', { ready: true, checks: { redis: true, 'node:a': true, 'node:b': true } }, 'ready'],
    [
      'one node of two down',
      { ready: false, checks: { redis: true, 'node:a': true, 'node:b': false } },
      'degraded',
    ],
    [
      'two of three nodes down',
      { ready: false, checks: { redis: true, 'node:a': false, 'node:b': false, 'node:c': true } },
      'degraded',
    ],
    ['every node down', { ready: false, checks: { redis: true, 'node:a': false, 'node:b': false } }, 'down'],
    ['the only node down', { ready: false, checks: { redis: true, 'node:a': false } }, 'down'],
    [
      'redis down, nodes up',
      { ready: false, checks: { redis: false, 'node:a': true, 'node:b': true } },
      'down',
    ],
    [
      'another shared check down',
      { ready: false, checks: { redis: true, records: false, 'node:a': true, 'node:b': false } },
      'down',
    ],
    ['nothing reported', { ready: false, checks: {} }, 'down'],
  ];
  for (const [name, readiness, want] of rows) {
    it(`${name}: ${want}`, () => expect(readinessStatus(readiness)).to.equal(want));
  }
});
