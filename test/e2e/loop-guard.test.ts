import { expect } from 'chai';
import { Queue } from 'bullmq';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';

describe('e2e 11: the loop guard', () => {
  let stack: Stack;
  let queue: Queue;
  before(async () => {
    stack = await startStack({ clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 100, hangupAfterMs: 5_000 } } });
    queue = new Queue('forward', { connection: stack.redis, prefix: `${stack.prefix}:{q:fs1}` });
  });
  after(async () => {
    await queue.close();
    await stack.stop();
  });

  it('a forwarded leg that parks again is never forwarded again', async () => {
    const call = stack.placeCall({
      connection: 'pbx-b',
      dialled: '48221120001',
      callerNumber: '48221000000',
      callerName: 'Forwarded',
      disposition: 'NO_ANSWER',
      variables: { callfwd_forwarded: 'true' },
    });
    const job = await waitFor('its park job done', async () => {
      const j = await queue.getJob(`fwd-fs1-${call}-parked`);
      return j && (await j.isCompleted()) ? j : undefined;
    });
    expect(job.returnvalue).to.deep.equal({ steps: 1, phase: 'done' });
    expect(stack.originatesFor(call)).to.have.length(0);
    expect(stack.node('fs1').originates()).to.have.length(0);
    expect(await stack.records.get(call)).to.equal(null);
  });

  it("our own outbound legs park (originate ... &park()) but never become jobs; a call's job runs once", async () => {
    const call = stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48501234567', callerName: 'M', disposition: 'NO_ANSWER' });
    await stack.waitForRecord(call);
    const [originate] = stack.originatesFor(call);
    const leg = Object.fromEntries(originate!.vars).origination_uuid as string;
    expect(await queue.getJob(`fwd-fs1-${leg}-parked`)).to.equal(undefined);
    // The same call's park delivered again (at-least-once): nothing is placed twice.
    const again = await queue.add('forward', (await queue.getJob(`fwd-fs1-${call}-parked`))!.data as object, { jobId: `fwd-fs1-${call}-again` });
    await waitFor('the repeated job done', async () => ((await again.isCompleted()) ? true : undefined));
    expect((await queue.getJob(again.id!))!.returnvalue).to.deep.equal({ steps: 1, phase: 'done', ignored: 'duplicate event' });
    expect(stack.originatesFor(call)).to.have.length(1);
  });
});
