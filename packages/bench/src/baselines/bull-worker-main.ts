// Baseline 2, worker side (another process): takes the job and sends the originate. No rules, no ledger.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { connectNodes, nodesFromEnv, sendOriginate } from './connect-nodes.js';

export async function bullWorkerMain(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? '', { maxRetriesPerRequest: null });
  const prefix = process.env.CALLFWD_BENCH_HOP_PREFIX ?? 'bench-hop';
  const concurrency = Number(process.env.CALLFWD_BENCH_CONCURRENCY ?? '200');
  const connections = await connectNodes([], () => undefined);
  const workers = nodesFromEnv().map(
    (n) =>
      new Worker<{ node: string; callUuid: string }>(
        'hop',
        async (job) => {
          const conn = connections.get(job.data.node);
          if (conn !== undefined) sendOriginate(conn, job.data.callUuid, 'hop');
          return Promise.resolve();
        },
        { connection: redis, prefix: `${prefix}:{q:${n.id}}`, concurrency },
      ),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  process.once('SIGTERM', () => {
    void Promise.all(workers.map((w) => w.close()))
      .then(() => Promise.all([...connections.values()].map((c) => c.stop())))
      .then(() => redis.quit());
  });
  process.stdout.write(`${JSON.stringify({ msg: 'ready', role: 'bull-worker' })}\n`);
}

await bullWorkerMain();
