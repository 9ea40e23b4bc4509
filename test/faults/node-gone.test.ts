import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Queue } from 'bullmq';
import { bridgeJobId } from '@callfwd/domain';
import { queuePrefix } from '@callfwd/store';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';
import { atMostOncePerLine } from './support/originates.js';

const CALL = { connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Gone', disposition: 'NO_ANSWER' } as const;

describe('faults: a node gone for good', function () {
  this.timeout(90_000);
  let stack: Stack;
  let queue: Queue;
  before(async () => {
    stack = await startStack({ clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000 } } });
    queue = new Queue('bridge', { connection: stack.redis, prefix: queuePrefix(stack.prefix, 'fs2') });
  });
  afterEach(async () => {
    await stack.node('fs2').resume();
    await waitFor('the apps connected to fs2 again', () => [...stack.listeners.map((l) => l.readiness()), stack.worker!.readiness()].every((r) => r['node:fs2'] === true), 40_000);
  });
  after(async () => {
    await queue?.close();
    await stack?.stop();
  });

  it("fails its jobs within their bounded retries with a clear reason, holds no credit, and the other node's calls go on", async () => {
    const fs2 = stack.node('fs2');
    await fs2.pause();
    await waitFor('the apps see fs2 down', () => stack.worker!.readiness()['node:fs2'] === false, 10_000);
    // Jobs for calls on fs2 that were queued just before it went away.
    const jobs = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const callUuid = randomUUID();
        const data = { v: 1, node: 'fs2', callUuid, connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Gone', disposition: 'NO_ANSWER', parkedAt: Date.now(), isForwardLeg: false };
        // The production retry policy is 5 attempts, 1 s doubling (about 15 s); a shorter one keeps the test quick.
        const job = await queue.add('bridge', data, { jobId: bridgeJobId('fs2', callUuid), attempts: 3, backoff: { type: 'exponential', delay: 200 } });
        return job.id as string;
      }),
    );
    const started = Date.now();
    // Meanwhile fs1 forwards as usual.
    const fs1Calls = Array.from({ length: 10 }, () => stack.placeCall(CALL));
    const records = await Promise.all(fs1Calls.map((c) => stack.waitForRecord(c, 20_000)));
    for (const r of records) expect(r.outcome).to.equal('answered');

    for (const id of jobs) {
      await waitFor(`job ${id} failed`, async () => (await queue.getJobState(id)) === 'failed', 30_000, 50);
      const job = (await queue.getJob(id))!;
      expect(job.failedReason).to.match(/node fs2 is not connected/);
      // Not retried into the void: one attempt, no spinning through the backoff.
      // Bounded: the job's few backoff retries (a node that only dropped comes back within them), each failing at once.
      expect(job.attemptsMade).to.be.at.most(3);
    }
    expect(Date.now() - started).to.be.lessThan(15_000);
    // No spinning: one failure line per attempt, nothing else about fs2's jobs.
    const failures = stack.logs.filter((l) => l.msg === 'job failed' && l.node === 'fs2');
    expect(failures.length).to.be.at.most(jobs.length * 3);
    // No credit held for a call nobody can reach.
    await waitFor('no hold left', async () => (await stack.ledger.getBalance('platform')).reserved === 0, 10_000);
    expect(stack.node('fs2').originates()).to.have.length(0);
  });

  it('a call still parked when its node comes back after its job gave up is forwarded then, not left waiting', async () => {
    const fs2 = stack.node('fs2');
    await fs2.pause();
    await waitFor('the apps see fs2 down', () => stack.worker!.readiness()['node:fs2'] === false, 10_000);
    // Calls that parked on fs2 as it went away, their jobs queued and failed for good while it was gone.
    const calls = Array.from({ length: 5 }, () => fs2.placeCall(CALL).uuid);
    for (const callUuid of calls) {
      const data = { v: 1, node: 'fs2', callUuid, ...CALL, parkedAt: Date.now(), isForwardLeg: false };
      await queue.add('bridge', data, { jobId: bridgeJobId('fs2', callUuid), attempts: 2, backoff: { type: 'fixed', delay: 100 } });
    }
    for (const callUuid of calls) await waitFor(`job of ${callUuid} failed`, async () => (await queue.getJobState(bridgeJobId('fs2', callUuid))) === 'failed', 20_000, 50);

    await fs2.resume();
    const records = await Promise.all(calls.map((c) => stack.waitForRecord(c, 30_000)));
    for (const r of records) expect(r.outcome).to.equal('answered');
    for (const c of calls) expect(atMostOncePerLine(stack, c, 'fs2'), c).to.equal(true);
    expect(stack.logs.some((l) => l.msg === 'resync: failed bridge job of a parked call run again')).to.equal(true);
  });
});
