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
    // Both listeners tried to add every job: the job id (node, call, event) made them one.
    const queue = new (await import('bullmq')).Queue('forward', { connection: stack.redis, prefix: `${stack.prefix}:{q:fs1}` });
    try {
      for (const call of calls) {
        const park = await queue.getJob(`fwd-fs1-${call}-parked`);
        expect(await park?.getState(), call).to.equal('completed');
        // The record is written once the target's leg ended; the caller's own hangup may come just after.
        await waitFor(`the caller_hung_up job of ${call}`, async () => (await queue.getJob(`fwd-fs1-${call}-caller_hung_up`)) ?? undefined, 10_000);
      }
      const added = (await stack.metrics.jobsAdded.get()).values.find((v) => v.labels.queue === 'forward')?.value ?? 0;
      const counts = await queue.getJobCounts('completed', 'failed', 'active', 'waiting');
      expect(counts.failed).to.equal(0);
      // Every event was added by both listeners, and each made one job.
      expect(added).to.be.at.least(2 * calls.length * 4);
      expect(counts.completed).to.be.at.most(added / 2);
    } finally {
      await queue.close();
    }
  });
});
