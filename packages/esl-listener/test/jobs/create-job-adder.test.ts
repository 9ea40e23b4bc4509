import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { ForwardCall, ForwardJob } from '@callfwd/domain';
import { createQueues, queuePrefix, type Queues } from '@callfwd/store';
import {
  createJobAdder,
  forwardJobFromEvent,
  type FallbackNode,
  type JobAdder,
  type NewForwardJob,
} from '../../src/index.js';
import { forwardJob } from '../../src/events/forward-job-result.js';
import {
  captureLog,
  connectRedis,
  deleteKeys,
  freePort,
  freshPrefix,
  ownRedis,
  quiet,
  redisUrl,
  waitFor,
  type Captured,
} from '../support/test-node.js';

const CALLER = randomUUID();
const LEG = randomUUID();
const CALL: ForwardCall = {
  node: 'fs1',
  callUuid: CALLER,
  connection: 'pbx-a',
  dialled: '48221110002',
  callerNumber: '48601234567',
  callerName: 'Alice',
  disposition: null,
  parkedAt: 1_800_000_000_000,
  isForwardLeg: false,
};

function entry(j: ReturnType<typeof forwardJob>): NewForwardJob {
  if (j.kind !== 'job') throw new Error(`not a job: ${j.kind}`);
  return j;
}
const PARKED = entry(forwardJob('fs1', CALLER, { kind: 'parked', call: CALL }));
const HUNG_UP = entry(
  forwardJob('fs1', CALLER, {
    kind: 'leg_hung_up',
    legUuid: LEG,
    cause: 'NORMAL_CLEARING',
    billsec: 3,
    answeredAt: 1,
    endedAt: 3001,
    bridgedAt: 1,
  }),
);
const NODE: FallbackNode = { nodeId: 'fs1', transfer: () => Promise.resolve({ ok: true, reply: '+OK' }) };

describe('createJobAdder (against Redis)', () => {
  let cap: Captured;
  let prefix: string;
  let redis: ReturnType<typeof connectRedis>;
  let queues: Queues;
  let adder: JobAdder | undefined;
  const fellBack: ForwardCall[] = [];

  const makeAdder = (q: Queues, holdMs: number) =>
    createJobAdder({
      queues: q,
      log: cap.log,
      metrics: cap.metrics,
      holdMs,
      retry: { initialMs: 20, maxMs: 100 },
      onHoldExpired: (_conn, call) => {
        fellBack.push(call);
        return Promise.resolve();
      },
    });

  beforeEach(() => {
    cap = captureLog();
    prefix = freshPrefix();
    redis = connectRedis(redisUrl(), prefix, 'producer');
    queues = createQueues(redis, { prefix, nodeIds: ['fs1'] });
    fellBack.length = 0;
  });

  afterEach(async () => {
    adder?.stop();
    await adder?.settle(2_000);
    adder = undefined;
    await queues.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it("adds the event job to the node's forward queue once, however often it is added", async () => {
    adder = makeAdder(queues, 1_000);
    await Promise.all([adder.add(NODE, PARKED), adder.add(NODE, PARKED)]);
    await adder.add(NODE, PARKED);
    const job = await queues.queue('fs1', 'forward').getJob(PARKED.jobId);
    expect(job?.data).to.deep.equal(PARKED.job);
    expect(await queues.queue('fs1', 'forward').count()).to.equal(1);
    expect((await cap.metrics.jobsAdded.get()).values).to.deep.equal([
      { value: 2, labels: { queue: 'forward' } },
    ]);
  });

  it('a parked caller whose job Redis does not take within the hold gets the fallback, once', async () => {
    const dead = connectRedis(`redis://127.0.0.1:${await freePort()}`, prefix, 'producer');
    dead.on('error', () => undefined);
    const deadQueues = quiet(createQueues(dead, { prefix, nodeIds: ['fs1'] }));
    adder = makeAdder(deadQueues, 300);
    const started = Date.now();
    await adder.add(NODE, PARKED);
    expect(Date.now() - started).to.be.within(280, 1_500);
    expect(fellBack).to.deep.equal([CALL]);
    expect(cap.said('parked job not added within the hold')[0]).to.deep.include({
      callUuid: CALLER,
      holdMs: 300,
    });
    // A later resync finding it still parked does not hold it (nor send it to the fallback) again.
    await adder.add(NODE, PARKED, { fromResync: true });
    expect(fellBack).to.have.length(1);
    adder.stop();
    await deadQueues.close();
    dead.disconnect();
  });

  it('any other job keeps trying past the hold until Redis takes it, logging while it waits', async () => {
    const own = await ownRedis();
    const late = connectRedis(own.url, prefix, 'producer');
    late.on('error', () => undefined);
    const lateQueues = quiet(createQueues(late, { prefix, nodeIds: ['fs1'] }));
    adder = makeAdder(lateQueues, 100);
    try {
      const adding = adder.add(NODE, HUNG_UP);
      await waitFor('a wait logged', () => cap.said('event job waiting for redis').length > 0);
      await new Promise((r) => setTimeout(r, 300));
      expect(adder.pending()).to.equal(1);
      await own.start();
      await adding;
      expect((await lateQueues.queue('fs1', 'forward').getJob(HUNG_UP.jobId))?.data).to.deep.equal(
        HUNG_UP.job,
      );
      expect(cap.said('event job added after waiting for redis')).to.have.length(1);
      expect(fellBack).to.deep.equal([]);
    } finally {
      adder.stop();
      await adder.settle(1_000);
      await lateQueues.close();
      late.disconnect();
      await own.stop();
    }
  });

  it('stop() ends the wait of a job Redis never takes: logged, not retried forever', async () => {
    const dead = connectRedis(`redis://127.0.0.1:${await freePort()}`, prefix, 'producer');
    dead.on('error', () => undefined);
    const deadQueues = quiet(createQueues(dead, { prefix, nodeIds: ['fs1'] }));
    adder = makeAdder(deadQueues, 100);
    void adder.add(NODE, HUNG_UP);
    await waitFor('a wait logged', () => cap.said('event job waiting for redis').length > 0);
    adder.stop();
    expect(await adder.settle(2_000)).to.equal(true);
    expect(cap.said('event job not added: listener stopping')[0]).to.deep.include({ jobId: HUNG_UP.jobId });
    await deadQueues.close();
    dead.disconnect();
  });

  it("a resync runs a parked call's failed job again (its id is taken: adding it makes nothing)", async () => {
    const queue = queues.queue('fs1', 'forward');
    await queue.add('forward', PARKED.job, { jobId: PARKED.jobId, attempts: 1 });
    const workerRedis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    const worker = new Worker('forward', () => Promise.reject(new UnrecoverableError('node away')), {
      connection: workerRedis,
      prefix: queuePrefix(prefix, 'fs1'),
    });
    await waitFor('the job failed', async () => (await queue.getJob(PARKED.jobId))?.isFailed());
    await worker.close();
    workerRedis.disconnect();
    adder = makeAdder(queues, 1_000);
    await adder.add(NODE, PARKED);
    expect(await (await queue.getJob(PARKED.jobId))?.isFailed()).to.equal(true);
    await adder.add(NODE, PARKED, { fromResync: true });
    expect(await (await queue.getJob(PARKED.jobId))?.getState()).to.equal('waiting');
    expect(cap.said('resync: failed parked job of a parked call run again')).to.have.length(1);
  });

  it('maps and adds an event end to end: the job the worker parses', async () => {
    adder = makeAdder(queues, 1_000);
    const j = forwardJobFromEvent({
      name: 'BACKGROUND_JOB',
      node: 'fs1',
      jobUuid: randomUUID(),
      command: 'originate',
      commandArg: `{origination_uuid=${LEG},callfwd_parent=${CALLER},callfwd_leg=${LEG}}loopback/700 &park()`,
      body: '-ERR USER_BUSY\n',
      result: { ok: false, error: 'USER_BUSY' },
      timestampUs: 1,
      sequence: 1,
    });
    await adder.add(NODE, entry(j));
    const added = await queues.queue('fs1', 'forward').getJob(`fwd-fs1-${CALLER}-originate_result-${LEG}`);
    expect((added?.data as ForwardJob | undefined)?.event).to.deep.equal({
      kind: 'originate_result',
      legUuid: LEG,
      ok: false,
      cause: 'USER_BUSY',
    });
  });
});
