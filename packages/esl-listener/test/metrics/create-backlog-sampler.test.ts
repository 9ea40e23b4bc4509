import { expect } from 'chai';
import { createQueues, type Queues } from '@callfwd/store';
import { createBacklogSampler } from '../../src/metrics/create-backlog-sampler.js';
import { captureLog, connectRedis, deleteKeys, freshPrefix, redisUrl } from '../support/test-node.js';

describe('createBacklogSampler (against Redis)', () => {
  let prefix: string;
  let redis: ReturnType<typeof connectRedis>;
  let queues: Queues;

  beforeEach(() => {
    prefix = freshPrefix();
    redis = connectRedis(redisUrl(), prefix);
    queues = createQueues(redis, { prefix, nodeIds: ['fs1', 'fs2'] });
  });

  afterEach(async () => {
    await queues.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it("counts each node's forward jobs waiting or delayed (timers)", async () => {
    const cap = captureLog();
    await queues.addForwardJob('fs1', 'fwd-a', { n: 1 });
    await queues.addForwardJob('fs1', 'fwd-b', { n: 2 }, { delayMs: 60_000 });
    const sampler = createBacklogSampler({
      queues,
      nodeIds: ['fs1', 'fs2'],
      metrics: cap.metrics,
      log: cap.log,
      isRedisUp: () => true,
    });
    await sampler.sample();
    const values = (await cap.metrics.queueWaiting.get()).values.map((v) => [v.labels.queue, v.value]);
    expect(values).to.deep.equal([
      ['fs1/forward', 2],
      ['fs2/forward', 0],
    ]);
  });
});
