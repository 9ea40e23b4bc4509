import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createListener, type CallfwdListener } from '@callfwd/esl-listener';
import { createCallRecordStore, createLedger, createRedis } from '@callfwd/store';
import { createLogger, createMetrics } from '@callfwd/telemetry';
import { createWorker, type CallfwdWorker } from '@callfwd/worker';
import { captureLines, startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { waitFor } from '../support/wait-for.js';
import { startRedisCluster, type RedisCluster } from './support/redis-servers.js';

const RACE_CALLS = 200;
const AFFORDABLE = 20;

describe('faults: on a Redis Cluster of three masters', function () {
  this.timeout(120_000);
  let cluster: RedisCluster;
  let stack: Stack;
  let client: Redis | Cluster;
  let listener: CallfwdListener;
  let worker: CallfwdWorker;
  const logs: Record<string, unknown>[] = [];

  before(async () => {
    cluster = await startRedisCluster();
    stack = await startStack({
      apps: false,
      clockRate: 20,
      farEnds: {
        [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 90_000 },
        [TARGETS.erin.slice(1)]: { kind: 'answer', afterMs: 200, hangupAfterMs: 30_000 },
      },
      editConfig: (input) => {
        input.redis = { mode: 'cluster', nodes: cluster.nodes.map((n) => ({ ...n })), prefix: input.redis.prefix };
        const tight = input.accounts.find((a) => a.id === 'tight')!;
        tight.openingBalance = AFFORDABLE * 10;
        tight.maxCallSeconds = 60;
      },
    });
    const log = createLogger({ role: 'cluster', level: 'info', destination: captureLines(logs) });
    const metrics = createMetrics({ defaultMetrics: false });
    listener = createListener({ config: stack.config, log: log.child({ app: 'listener' }), metrics });
    listener.start();
    worker = createWorker({ config: stack.config, log: log.child({ app: 'worker' }), metrics });
    await worker.start();
    client = createRedis(stack.config.redis, 'command');
    await waitFor('apps connected to the cluster and the nodes', () => [listener.readiness(), worker.readiness()].every((r) => Object.values(r).every(Boolean)), 20_000);
  });
  after(async () => {
    await listener?.drain(2_000);
    await worker?.drain(5_000);
    await client?.quit().catch(() => undefined);
    await stack?.stop();
    await cluster?.stop();
  });

  it('forwards end to end and charges once by 60/60', async () => {
    const records = createCallRecordStore(client, stack.config.redis.prefix);
    const ledger = createLedger(client, stack.config.redis.prefix);
    const before = await ledger.getBalance('platform');
    const call = stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Cluster', disposition: 'NO_ANSWER' });
    const record = await waitFor('the record', () => records.get(call).then((r) => r ?? undefined), 20_000);
    expect(record).to.deep.include({ outcome: 'answered', viaLine: 'main', account: 'platform', billedSeconds: 120, cost: 30 });
    expect(stack.originatesFor(call)).to.have.length(1);
    const after = await ledger.getBalance('platform');
    expect(before.balance - after.balance).to.equal(30);
    expect(after.reserved).to.equal(0);
    expect(await ledger.listDebits('platform', 10)).to.have.length(1);
  });

  it('lets 200 simultaneous forwards on an account that pays for 20 forward at most 20, never below zero', async () => {
    const records = createCallRecordStore(client, stack.config.redis.prefix);
    const ledger = createLedger(client, stack.config.redis.prefix);
    const start = await ledger.getBalance('tight');
    const calls = Array.from({ length: RACE_CALLS }, () =>
      stack.placeCall({ connection: 'pbx-e', dialled: '48221150001', callerNumber: '48221234567', callerName: 'Racer' }),
    );
    const all = await Promise.all(calls.map((c) => waitFor(`record of ${c}`, () => records.get(c).then((r) => r ?? undefined), 60_000, 50)));
    await waitFor('every leg settled', async () => (await ledger.getBalance('tight')).reserved === 0, 30_000);
    const answered = all.filter((r) => r.outcome === 'answered');
    expect(answered.length).to.be.at.most(AFFORDABLE);
    expect(answered.length).to.equal(AFFORDABLE);
    expect(all.filter((r) => r.outcome === 'insufficient_credit')).to.have.length(RACE_CALLS - AFFORDABLE);
    const end = await ledger.getBalance('tight');
    expect(end.balance).to.be.at.least(0);
    const debits = await ledger.listDebits('tight', 1_000);
    expect(debits).to.have.length(answered.length);
    expect(debits.reduce((sum, d) => sum + d.amount, 0)).to.equal(start.balance - end.balance);
  });
});
