import { expect } from 'chai';
import type { Job, Worker } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { createQueueWorker } from '../../src/queues/create-queue-worker.js';
import { createQueues } from '../../src/queues/create-queues.js';
import type { Queues } from '../../src/queues/create-queues.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from '../support/redis.js';

describe('createQueues', () => {
  before(() => {
    redisUrl(); // fails the suite with a clear message when REDIS_URL is missing
  });

  let prefix: string;
  let producerA: Redis | Cluster;
  let producerB: Redis | Cluster;
  let queuesA: Queues;
  let queuesB: Queues;
  let workers: Worker[];
  let workerConnections: (Redis | Cluster)[];

  beforeEach(async () => {
    prefix = randomPrefix();
    producerA = await connectRedis(prefix, 'producer');
    producerB = await connectRedis(prefix, 'producer');
    queuesA = createQueues(producerA, { prefix, nodeIds: ['fs1', 'fs2'] });
    queuesB = createQueues(producerB, { prefix, nodeIds: ['fs1', 'fs2'] });
    workers = [];
    workerConnections = [];
  });

  afterEach(async () => {
    await Promise.all(workers.map((w) => w.close()));
    for (const node of ['fs1', 'fs2']) {
      for (const name of ['forward'] as const)
        await queuesA.queue(node, name).obliterate({ force: true });
    }
    await queuesA.close();
    await queuesB.close();
    await deleteKeys(producerA, prefix);
    await Promise.all([producerA, producerB, ...workerConnections].map((c) => c.quit()));
  });

  it('makes one job of the same id added twice from two producers', async () => {
    const id = 'fwd-fs1-call-1-parked';
    const [first, second] = await Promise.all([
      queuesA.addForwardJob('fs1', id, { callUuid: 'call-1', from: 'a' }),
      queuesB.addForwardJob('fs1', id, { callUuid: 'call-1', from: 'b' }),
    ]);
    expect(first).to.equal(id);
    expect(second).to.equal(id);
    expect(await queuesA.queue('fs1', 'forward').getJobCountByTypes('waiting', 'active', 'delayed')).to.equal(
      1,
    );
    await queuesB.addForwardJob('fs1', id, { callUuid: 'call-1', from: 'again' });
    expect(await queuesA.queue('fs1', 'forward').getJobCountByTypes('waiting', 'active', 'delayed')).to.equal(
      1,
    );
  });

  it('keeps each node’s queues apart under the node’s hash-tagged prefix', async () => {
    await queuesA.addForwardJob('fs1', 'fwd-fs1-call-1-parked', { callUuid: 'call-1' });
    await queuesA.addForwardJob('fs2', 'fwd-fs2-call-2-parked', { legUuid: 'leg-1' });
    const counts = await queuesA.queueCounts();
    expect(counts).to.deep.include({
      node: 'fs1',
      queue: 'forward',
      waiting: 1,
      active: 0,
      delayed: 0,
      failed: 0,
      completed: 0,
    });
    expect(counts).to.deep.include({
      node: 'fs2',
      queue: 'forward',
      waiting: 1,
      active: 0,
      delayed: 0,
      failed: 0,
      completed: 0,
    });
    expect(counts).to.have.length(2);
    expect(await producerA.exists(`${prefix}:{q:fs1}:forward:fwd-fs1-call-1-parked`)).to.equal(1);
    expect(await producerA.exists(`${prefix}:{q:fs2}:forward:fwd-fs2-call-2-parked`)).to.equal(1);
  });

  it('gives jobs the default retry and cleanup options', async () => {
    await queuesA.addForwardJob('fs1', 'fwd-fs1-call-3-parked', { legUuid: 'leg-1' });
    const job = await queuesA.queue('fs1', 'forward').getJob('fwd-fs1-call-3-parked');
    expect(job?.opts.attempts).to.equal(5);
    expect(job?.opts.backoff).to.deep.equal({ type: 'exponential', delay: 1_000 });
  });

  it('refuses a job id BullMQ would reject, and a node it has no queues for', async () => {
    const errors: unknown[] = [];
    for (const attempt of [
      () => queuesA.addForwardJob('fs1', 'fwd:fs1:call-1', {}),
      () => queuesA.addForwardJob('fs1', '42', {}),
      () => queuesA.addForwardJob('fs9', 'fwd-fs9-call-1', {}),
    ]) {
      try {
        await attempt();
      } catch (err) {
        errors.push(err);
      }
    }
    expect(errors).to.have.length(3);
    errors.forEach((err) => expect(err).to.be.instanceOf(RangeError));
  });

  it('makes a delayed job of a timer, run no earlier than its delay', async () => {
    await queuesA.addForwardJob('fs1', 'fwd-fs1-call-9-timer', { callUuid: 'call-9' }, { delayMs: 60_000 });
    const job = await queuesA.queue('fs1', 'forward').getJob('fwd-fs1-call-9-timer');
    expect(job?.opts.delay).to.equal(60_000);
    expect(await job?.getState()).to.equal('delayed');
    let refused: unknown;
    await queuesA.addForwardJob('fs1', 'fwd-fs1-call-9-x', {}, { delayMs: -1 }).catch((err: unknown) => (refused = err));
    expect(refused).to.be.instanceOf(RangeError);
  });

  it('has a job processed by a worker on the node’s queue', async () => {
    const connection = await connectRedis(prefix, 'worker');
    workerConnections.push(connection);
    const processed = new Promise<Job>((resolve) => {
      const worker = createQueueWorker<{ callUuid: string }, string>({
        connection,
        prefix,
        node: 'fs1',
        queue: 'forward',
        concurrency: 2,
        processor: (job) => Promise.resolve(`bridged ${job.data.callUuid}`),
      });
      worker.on('completed', (job) => resolve(job));
      workers.push(worker);
    });
    await queuesA.addForwardJob('fs1', 'fwd-fs1-call-7-parked', { callUuid: 'call-7' });
    const job = await processed;
    expect(job.id).to.equal('fwd-fs1-call-7-parked');
    expect(job.returnvalue).to.equal('bridged call-7');
    const counts = await queuesA.queueCounts();
    expect(counts).to.deep.include({
      node: 'fs1',
      queue: 'forward',
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: 0,
      completed: 1,
    });
  });
});
