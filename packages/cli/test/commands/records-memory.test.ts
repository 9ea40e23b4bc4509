// Redis memory with PostgreSQL as the system of record: once drained, a record's Redis copy expires
// (postgres.keepInRedisSeconds) and its indexes are trimmed; an ended forward's document, with its
// at-most-once markers, expires (worker.keepEndedForwardSeconds); completed jobs are kept by count.
// Both windows are short here so the run shows the steady state: after a warm-up longer than the
// completed-jobs cap, Redis' used memory no longer grows with the forwards. At the shipped windows
// (1 h, 5 min) the steady state is rate x window x the bytes each window keeps (README, "Redis memory").
import { expect } from 'chai';
import { createRecordsDb, type RecordsDb } from '@callfwd/records';
import { createKeyspace } from '@callfwd/store';
import { startRunChild, type RunChild } from '../../src/demo/run-child.js';
import { CLI_NODE_ARGS } from '../support/cli.js';
import { logSink, startDemoStack, waitFor, type DemoStack } from '../support/demo-stack.js';
import { freshSchema } from './records-postgres.js';

// More forwards than the completed-jobs cap of the node's queue holds (10 000 jobs, about 3.5 a forward).
const WARM_UP = 3000;
const CALLS = 1500;
const KEEP_S = 2;

async function usedMemory(stack: DemoStack): Promise<number> {
  const info = await stack.redis.info('memory');
  const m = /used_memory:(\d+)/.exec(info);
  if (m === null) throw new Error('no used_memory in INFO memory');
  return Number(m[1]);
}

describe('Redis memory with PostgreSQL: flat after the warm-up (a few thousand forwards)', function () {
  this.timeout(240_000);
  let schema: { url: string; drop(): Promise<void> };
  let stack: DemoStack;
  let db: RecordsDb;
  let run: RunChild;
  const logs = logSink();

  before(async () => {
    const url = process.env.DATABASE_URL;
    if (url === undefined || url === '') throw new Error('DATABASE_URL is not set: this test needs a real PostgreSQL (scripts/test starts one)');
    schema = await freshSchema(url);
    stack = await startDemoStack({
      clockRate: 100,
      farEnds: { '48601000001': { kind: 'answer', afterMs: 500, hangupAfterMs: 3_000 } },
      editConfig: (input) => {
        input.postgres = { url: schema.url, keepInRedisSeconds: KEEP_S };
        input.worker = { ...input.worker, keepEndedForwardSeconds: KEEP_S };
      },
    });
    db = createRecordsDb({ url: schema.url, max: 1 });
    run = startRunChild({ args: [...CLI_NODE_ARGS, 'run', '--config', stack.configFile, '--role', 'all', '--http-port', '0'], env: stack.env, logTo: logs.stream, name: 'run' });
    await run.ready(30_000);
  });
  after(async () => {
    await run?.stop(15_000);
    await db?.close();
    await stack?.stop();
    await schema?.drop();
  });

  const forward = async (n: number, from: number): Promise<void> => {
    const node = stack.sim.node('fs1');
    for (let i = 0; i < n; i += 25) {
      for (let j = i; j < Math.min(n, i + 25); j += 1)
        node.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: `482270${String(from + j).padStart(5, '0')}`, callerName: 'Load', disposition: 'NO_ANSWER' });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };
  const inPostgres = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM call_records')).rows[0]?.n);
  const countKeys = async (pattern: string): Promise<number> => {
    let n = 0;
    let cursor = '0';
    do {
      const [next, batch] = await stack.redis.scan(cursor, 'MATCH', `${stack.prefix}:${pattern}`, 'COUNT', 1000);
      cursor = next;
      n += batch.length;
    } while (cursor !== '0');
    return n;
  };
  /**
   * Every forward placed has its record in PostgreSQL, and what is kept only for a window (drained
   * records, ended forwards' documents) is gone: the memory measured then is what stays for good.
   */
  const settled = async (total: number) => {
    await waitFor(`${total} records in PostgreSQL`, async () => ((await inPostgres()) >= total ? true : undefined), 90_000);
    await waitFor('the windows passed: drained records and ended forwards gone from Redis', async () => {
      const left = (await countKeys('{records}:rec:*')) + (await countKeys('{node:*}:doc:*'));
      return left < 20 ? true : undefined;
    }, 60_000);
  };
  /** Bytes (MEMORY USAGE) per key shape under the prefix: uuids as *, numbers as #. */
  const breakdown = async (): Promise<Map<string, { keys: number; bytes: number }>> => {
    const shapes = new Map<string, { keys: number; bytes: number }>();
    let cursor = '0';
    do {
      const [next, batch] = await stack.redis.scan(cursor, 'MATCH', `${stack.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      const pipe = stack.redis.pipeline();
      for (const key of batch) pipe.memory('USAGE', key);
      const sizes = (await pipe.exec()) ?? [];
      batch.forEach((key, i) => {
        const shape = key.slice(stack.prefix.length).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '*').replace(/\d+/g, '#');
        const entry = shapes.get(shape) ?? { keys: 0, bytes: 0 };
        entry.keys += 1;
        entry.bytes += Number(sizes[i]?.[1] ?? 0);
        shapes.set(shape, entry);
      });
    } while (cursor !== '0');
    return shapes;
  };
  const isRecords = (shape: string) => shape.includes('{records}') || shape.endsWith(':outbox') || shape.endsWith(':debits');

  it('records are in PostgreSQL and gone from Redis, ended forwards leave it; used memory does not grow with the forwards after the warm-up', async () => {
    await forward(WARM_UP, 0);
    await settled(WARM_UP);
    const before = await usedMemory(stack);
    await forward(CALLS, WARM_UP);
    await settled(WARM_UP + CALLS);
    const after = await usedMemory(stack);
    const total = WARM_UP + CALLS;
    const shapes = [...(await breakdown())].sort((a, b) => b[1].bytes - a[1].bytes);
    const records = shapes.filter(([shape]) => isRecords(shape)).reduce((sum, [, v]) => sum + v.bytes, 0);
    const keys = createKeyspace(stack.prefix).records;
    const docsLeft = shapes.filter(([shape]) => shape.includes('{records}:rec:')).reduce((n, [, v]) => n + v.keys, 0);
    const byTime = await stack.redis.zcard(keys.byTime);
    const perCall = (after - before) / CALLS;
    const [, sample] = await stack.redis.scan('0', 'MATCH', `${stack.prefix}:{records}:rec:*`, 'COUNT', 1000);
    const ttls = await Promise.all(sample.slice(0, 3).map(async (k) => `${k.slice(-12)} pttl ${await stack.redis.pttl(k)}`));
    const top = shapes.slice(0, 6).map(([shape, v]) => `${shape} ${v.keys} keys ${(v.bytes / total).toFixed(0)} B/fwd`).join('; ');
    const numbers =
      `used_memory ${before} -> ${after} B over ${CALLS} forwards after ${WARM_UP} warm-up: ${perCall.toFixed(0)} B a forward in all; ` +
      `records' keys ${records} B (${(records / total).toFixed(1)} B/fwd), record documents left ${docsLeft} (${ttls.join(', ')}), by-time index ${byTime}; biggest: ${top}`;
    // eslint-disable-next-line no-console
    console.log(`      ${numbers}`);
    expect(docsLeft, numbers).to.be.below(100);
    expect(byTime, numbers).to.be.below(400);
    expect(records / total, numbers).to.be.below(200);
    const docs = shapes.filter(([shape]) => shape.includes(':doc:')).reduce((n, [, v]) => n + v.keys, 0);
    expect(docs, numbers).to.be.below(100);
    // Flat: what the forwards after the warm-up added is a few hundred bytes each at most (noise of
    // the allocator and of the queues' bounded lists), against ~19 KB a forward before the windows.
    expect(perCall, numbers).to.be.below(1_500);
  });
});
