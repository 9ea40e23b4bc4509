import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Queue } from 'bullmq';
import { forwardJobId, type ForwardCall, type ForwardJob } from '@callfwd/domain';
import { queuePrefix } from '@callfwd/store';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';
import { atMostOncePerLine } from './support/originates.js';

const CALL = { connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Gone', disposition: 'NO_ANSWER' } as const;

/** The park job the listener would have added for a call on fs2. */
function parkJob(callUuid: string): { id: string; data: ForwardJob } {
  const call: ForwardCall = { node: 'fs2', callUuid, ...CALL, parkedAt: Date.now(), isForwardLeg: false };
  const event = { kind: 'parked', call } as const;
  return { id: forwardJobId('fs2', callUuid, event), data: { v: 2, node: 'fs2', callUuid, event } };
}

/** The cancelled leg's hangup never comes from a node that is gone: the forward waits LEGS_GONE_MS (30 s) for it, then resolves. */
const LEGS_GONE_BOUND_MS = 45_000;

describe('faults: a node gone for good', function () {
  this.timeout(90_000);
  let stack: Stack;
  let queue: Queue;
  before(async () => {
    stack = await startStack({ clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000 } } });
    queue = new Queue('forward', { connection: stack.redis, prefix: queuePrefix(stack.prefix, 'fs2') });
  });
  afterEach(async () => {
    await stack.node('fs2').resume();
    await waitFor('the apps connected to fs2 again', () => [...stack.listeners.map((l) => l.readiness()), stack.worker!.readiness()].every((r) => r['node:fs2'] === true), 40_000);
  });
  after(async () => {
    await queue?.close();
    await stack?.stop();
  });

  it("fails its jobs within their bounded retries with a clear reason, each forward then ends, holds no credit, and the other node's calls go on", async () => {
    const fs2 = stack.node('fs2');
    await fs2.pause();
    await waitFor('the apps see fs2 down', () => stack.worker!.readiness()['node:fs2'] === false, 10_000);
    // Jobs for calls on fs2 that were queued just before it went away.
    const calls = Array.from({ length: 10 }, () => randomUUID());
    for (const callUuid of calls) {
      const { id, data } = parkJob(callUuid);
      // The production retry policy is 5 attempts, 1 s doubling (about 15 s); a shorter one keeps the test quick.
      await queue.add('forward', data, { jobId: id, attempts: 3, backoff: { type: 'exponential', delay: 200 } });
    }
    // Meanwhile fs1 forwards as usual.
    const fs1Calls = Array.from({ length: 10 }, () => stack.placeCall(CALL));
    const records = await Promise.all(fs1Calls.map((c) => stack.waitForRecord(c, 20_000)));
    for (const r of records) expect(r.outcome).to.equal('answered');

    for (const callUuid of calls) {
      const { id } = parkJob(callUuid);
      await waitFor(`job ${id} failed`, async () => (await queue.getJobState(id)) === 'failed', 30_000, 50);
      const job = (await queue.getJob(id))!;
      expect(job.failedReason).to.match(/node fs2 is not connected/);
      expect(job.attemptsMade).to.be.at.most(3);
      // A job that failed for good is the forward's give_up event, not a log line.
      expect(await queue.getJob(forwardJobId('fs2', callUuid, { kind: 'give_up', reason: '' }))).to.not.equal(undefined);
    }
    // Each forward ends with a record, and its hold is resolved, within the bound.
    const ended = await Promise.all(calls.map((c) => stack.waitForRecord(c, LEGS_GONE_BOUND_MS)));
    for (const r of ended) expect(r).to.deep.include({ outcome: 'failed', cost: 0 });
    await waitFor('no hold left', async () => (await stack.ledger.getBalance('platform')).reserved === 0, 10_000);
    expect(stack.node('fs2').originates()).to.have.length(0);
  });

  it('a call still parked when its node comes back after its job gave up gets the fallback then, not silence', async () => {
    const fs2 = stack.node('fs2');
    await fs2.pause();
    await waitFor('the apps see fs2 down', () => stack.worker!.readiness()['node:fs2'] === false, 10_000);
    // Calls that parked on fs2 as it went away, their jobs queued and failed for good while it was gone.
    const calls = Array.from({ length: 5 }, () => fs2.placeCall(CALL).uuid);
    for (const callUuid of calls) {
      const { id, data } = parkJob(callUuid);
      await queue.add('forward', data, { jobId: id, attempts: 2, backoff: { type: 'fixed', delay: 100 } });
    }
    for (const callUuid of calls) await waitFor(`job of ${callUuid} failed`, async () => (await queue.getJobState(parkJob(callUuid).id)) === 'failed', 20_000, 50);

    await fs2.resume();
    const records = await Promise.all(calls.map((c) => stack.waitForRecord(c, LEGS_GONE_BOUND_MS)));
    for (const r of records) expect(r.outcome).to.equal('failed');
    for (const c of calls) {
      await waitFor(`the fallback of ${c}`, () => stack.commandsAbout(c, 'fs2').some((raw) => raw.startsWith(`api uuid_transfer ${c}`)), 10_000);
      expect(atMostOncePerLine(stack, c, 'fs2'), c).to.equal(true);
    }
  });
});
