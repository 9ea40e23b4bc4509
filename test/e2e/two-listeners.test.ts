import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';

describe('e2e 10: two listeners on one node', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ clockRate: 20, listeners: 2, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 100, hangupAfterMs: 5_000 } } });
  });
  after(() => stack.stop());

  it('make one job per call, and each call is forwarded once', async () => {
    const calls = Array.from({ length: 20 }, () =>
      stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48501234567', callerName: 'L', disposition: 'USER_BUSY' }),
    );
    await Promise.all(calls.map((c) => stack.waitForRecord(c)));
    for (const call of calls) expect(stack.originatesFor(call), call).to.have.length(1);
    // Both listeners tried to add every job: the job id (node + call uuid) made them one.
    const added = await waitFor('both listeners counted', async () => {
      const metric = await stack.metrics.jobsAdded.get();
      const bridge = metric.values.find((v) => v.labels.queue === 'bridge')?.value ?? 0;
      return bridge >= 40 ? bridge : undefined;
    });
    expect(added).to.equal(40);
    const queue = new (await import('bullmq')).Queue('bridge', { connection: stack.redis, prefix: `${stack.prefix}:{q:fs1}` });
    try {
      const counts = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
      expect(counts).to.deep.equal({ completed: 20, failed: 0, active: 0, waiting: 0, delayed: 0 });
    } finally {
      await queue.close();
    }
  });
});
