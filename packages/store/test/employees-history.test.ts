import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createChangeHistory, type ChangeHistory } from '../src/employees/create-change-history.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from './support/redis.js';

describe('createChangeHistory', () => {
  before(() => {
    redisUrl();
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let history: ChangeHistory;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    history = createChangeHistory(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('keeps who, when, old and new, and lists newest first', async () => {
    await history.record(
      { kind: 'forward_via', subject: 'pbx-a', by: 'ops', old: null, new: 'rented-1' },
      10,
    );
    await history.record(
      { kind: 'employee', subject: 'anna', by: 'cli:root', old: { id: 'anna' }, new: null },
      20,
    );
    const entries = await history.list();
    expect(entries.map((e) => [e.kind, e.subject, e.by, e.at])).to.deep.equal([
      ['employee', 'anna', 'cli:root', 20],
      ['forward_via', 'pbx-a', 'ops', 10],
    ]);
    expect(entries[0]?.old).to.deep.equal({ id: 'anna' });
    expect(entries[1]?.new).to.equal('rented-1');
  });

  it('pages by the sequence number and filters by kind and subject across batches', async () => {
    for (let i = 0; i < 450; i += 1) {
      await history.record(
        {
          kind: i % 3 === 0 ? 'employee' : 'forward_via',
          subject: `s${i % 5}`,
          by: 'ops',
          old: i,
          new: i + 1,
        },
        i,
      );
    }
    const first = await history.list({ limit: 10 });
    expect(first.map((e) => e.old)).to.deep.equal([449, 448, 447, 446, 445, 444, 443, 442, 441, 440]);
    const next = await history.list({ limit: 3, before: first[9]!.seq });
    expect(next.map((e) => e.old)).to.deep.equal([439, 438, 437]);
    const employees = await history.list({ kind: 'employee', subject: 's0', limit: 1000 });
    expect(employees.map((e) => e.old)).to.deep.equal(
      Array.from({ length: 450 }, (_, i) => 449 - i).filter((i) => i % 3 === 0 && i % 5 === 0),
    );
  });
});
