import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { createForwardDocStore, createLedger } from '@callfwd/store';
import { createLogger, createMetrics, createOpsSampler } from '@callfwd/telemetry';
import { freshPrefix, redisUrl } from '../support/redis-url.js';

async function gauge(
  metrics: ReturnType<typeof createMetrics>,
  name: string,
): Promise<Record<string, number>> {
  const all = await metrics.registry.getMetricsAsJSON();
  const found = all.find((m) => m.name === name);
  const values =
    (found as { values?: Array<{ value: number; labels: Record<string, string | number> }> } | undefined)
      ?.values ?? [];
  return Object.fromEntries(values.map((v) => [Object.values(v.labels).join('/'), v.value]));
}

describe('ops sampler: forwards in flight and holds outstanding, from a real Redis', () => {
  let redis: Redis;
  const prefix = freshPrefix('ops');
  before(() => {
    redis = new Redis(redisUrl());
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('sets the gauges from the live sets and the open holds, and follows their changes', async () => {
    const docs = createForwardDocStore(redis, prefix);
    const ledger = createLedger(redis, prefix);
    const metrics = createMetrics({ defaultMetrics: false });
    const sampler = createOpsSampler({
      metrics,
      log: createLogger({ role: 'test', level: 'silent' }),
      nodeIds: ['fs1', 'fs2'],
      accountIds: ['acme', 'idle'],
      forwards: docs,
      ledger,
      isRedisUp: () => true,
    });
    const calls = [randomUUID(), randomUUID(), randomUUID()];
    for (const uuid of calls)
      expect((await docs.save('fs1', uuid, 0, { phase: 'trying' }, 60_000)).ok).to.equal(true);
    await ledger.ensureAccount('acme', 10_000);
    await ledger.ensureAccount('idle', 10_000);
    const expiresAt = Date.now() + 60_000;
    expect((await ledger.hold('acme', 'h1', { amount: 300, minAmount: 100, expiresAt })).ok).to.equal(true);
    expect((await ledger.hold('acme', 'h2', { amount: 450, minAmount: 100, expiresAt })).ok).to.equal(true);

    await sampler.sample();
    expect(await gauge(metrics, 'callfwd_forwards_in_flight')).to.deep.equal({ fs1: 3, fs2: 0 });
    expect(await gauge(metrics, 'callfwd_holds_outstanding')).to.deep.equal({ acme: 2, idle: 0 });
    expect(await gauge(metrics, 'callfwd_holds_outstanding_amount')).to.deep.equal({ acme: 750, idle: 0 });

    // one forward ends, one hold is voided: the next sample says so
    expect(
      (await docs.save('fs1', calls[0] ?? '', 1, { phase: 'done' }, 60_000, { ended: true })).ok,
    ).to.equal(true);
    await ledger.voidHold('acme', 'h1');
    await sampler.sample();
    expect(await gauge(metrics, 'callfwd_forwards_in_flight')).to.deep.equal({ fs1: 2, fs2: 0 });
    expect(await gauge(metrics, 'callfwd_holds_outstanding_amount')).to.deep.equal({ acme: 450, idle: 0 });
  });
});
