// Baseline 2, producer side: a BullMQ job per CHANNEL_PARK, nothing else.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { connectNodes, nodesFromEnv, parkedCall } from './connect-nodes.js';

export async function bullProducerMain(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? '', { maxRetriesPerRequest: 1 });
  const prefix = process.env.CALLFWD_BENCH_HOP_PREFIX ?? 'bench-hop';
  const queues = new Map(nodesFromEnv().map((n) => [n.id, new Queue('hop', { connection: redis, prefix: `${prefix}:{q:${n.id}}` })]));
  const connections = await connectNodes(['CHANNEL_PARK'], (conn, event) => {
    const uuid = parkedCall(event);
    if (uuid === undefined) return;
    queues
      .get(conn.nodeId)
      ?.add('hop', { node: conn.nodeId, callUuid: uuid }, { jobId: `hop-${uuid}`, removeOnComplete: true, removeOnFail: true })
      .catch((err: unknown) => process.stderr.write(`add failed: ${String(err)}\n`));
  });
  await Promise.all([...queues.values()].map((q) => q.waitUntilReady()));
  process.once('SIGTERM', () => {
    void Promise.all([...connections.values()].map((c) => c.stop()))
      .then(() => Promise.all([...queues.values()].map((q) => q.close())))
      .then(() => redis.quit());
  });
  process.stdout.write(`${JSON.stringify({ msg: 'ready', role: 'bull-producer' })}\n`);
}

await bullProducerMain();
