import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { forwardJobId, type ForwardEvent } from '@callfwd/domain';
import { createForwardDocStore } from '@callfwd/store';
import { createTimerPump, type TimerPump } from '../../src/timers/timer-pump.js';
import { processForwardJob } from '../../src/index.js';
import { startHarness, type Harness } from '../support/worker-harness.js';

describe('worker: the timer pump queues each due timer as its forward job, once', function () {
  this.timeout(20_000);
  let h: Harness;
  const pumps: TimerPump[] = [];
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await Promise.all(pumps.splice(0).map((p) => p.stop()));
    await h.stop();
  });

  const timerJob = (callUuid: string, timer: 'deadline' | 'ring_timeout', legUuid: string | null = null) => {
    const event: ForwardEvent = { kind: 'timer', timer, legUuid, slice: 0 };
    return { id: forwardJobId('fs1', callUuid, event), job: h.job(callUuid, event) };
  };
  const pump = (queues: Harness['deps']['queues'] = h.deps.queues) => {
    const p = createTimerPump({ nodes: ['fs1'], docs: h.deps.docs, queues, log: h.deps.log, pollMs: 50, leaseMs: 15_000 });
    pumps.push(p);
    p.start();
    return p;
  };
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await sleep(25);
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('a due timer becomes a job under its own id and leaves the set; one not yet due stays', async () => {
    const call = randomUUID();
    const due = timerJob(call, 'deadline');
    const later = timerJob(call, 'ring_timeout', randomUUID());
    await h.deps.docs.addTimers('fs1', [
      { ...due, at: Date.now() - 10 },
      { ...later, at: Date.now() + 60_000 },
    ]);
    pump();
    const q = h.deps.queues.queue('fs1', 'forward');
    await until('the due timer queued', async () => (await q.getJob(due.id)) !== undefined);
    expect((await q.getJob(due.id))?.data).to.deep.equal(due.job);
    await until('its claim acknowledged', async () => (await h.deps.docs.countTimers('fs1')) === 1);
    expect(await q.getJob(later.id)).to.equal(undefined);
  });

  it('two pumps on one node queue each of many timers once', async () => {
    const timers = Array.from({ length: 300 }, () => ({ ...timerJob(randomUUID(), 'deadline'), at: Date.now() - 5 }));
    await h.deps.docs.addTimers('fs1', timers);
    const added = new Map<string, number>();
    const counting: Harness['deps']['queues'] = {
      ...h.deps.queues,
      addForwardJob: (node, jobId, data, o) => {
        added.set(jobId, (added.get(jobId) ?? 0) + 1);
        return h.deps.queues.addForwardJob(node, jobId, data, o);
      },
    };
    pump(counting);
    pump(counting);
    await until('every timer acknowledged', async () => (await h.deps.docs.countTimers('fs1')) === 0);
    expect(added.size).to.equal(300);
    expect([...added.values()].every((n) => n === 1), 'no timer queued twice').to.equal(true);
  });

  it('a timer whose job is not a valid timer of the node is dropped and logged, never queued', async () => {
    const call = randomUUID();
    await h.deps.docs.addTimers('fs1', [{ id: 'fwd-bad-one', at: Date.now() - 10, job: { v: 2, node: 'fs1', callUuid: call, event: { kind: 'timer', timer: 'nonsense' } } }]);
    pump();
    await until('the bad timer dropped', async () => (await h.deps.docs.countTimers('fs1')) === 0);
    expect(await h.deps.queues.queue('fs1', 'forward').getJob('fwd-bad-one')).to.equal(undefined);
    expect(h.logs.some((l) => l.msg === 'timer with a bad job: dropped' && l.timerId === 'fwd-bad-one')).to.equal(true);
  });

  it("a forward's ring timeout fires through the pump and ends the leg that never answered", async () => {
    const { uuid } = h.sim.placeCall({ dialled: '48221120001', callerNumber: '48501234567', callerName: 'C' });
    const call = { node: 'fs1', callUuid: uuid, connection: 'pbx-b', dialled: '48221120001', callerNumber: '48501234567', callerName: 'C', disposition: null, parkedAt: Date.now(), isForwardLeg: false };
    await processForwardJob(h.deps, h.job(uuid, { kind: 'parked', call }), 'j1');
    const loaded = await h.deps.docs.load('fs1', uuid);
    const legUuid = (loaded?.doc as { state: { legs: { legUuid: string }[] } }).state.legs[0]!.legUuid;
    const ringTimeout = timerJob(uuid, 'ring_timeout', legUuid);
    // Make the ring timeout due now (the shipped one is the originate timeout plus slack).
    await h.redis.zadd(`${h.prefix}:{node:fs1}:timers`, 'XX', Date.now() - 1, ringTimeout.id);
    pump();
    const q = h.deps.queues.queue('fs1', 'forward');
    await until('the ring timeout queued', async () => (await q.getJob(ringTimeout.id)) !== undefined);
    const result = await processForwardJob(h.deps, (await q.getJob(ringTimeout.id))!.data, ringTimeout.id);
    expect(result.ignored).to.equal(undefined);
    const after = await h.deps.docs.load('fs1', uuid);
    const leg = (after?.doc as { state: { legs: { legUuid: string; cancelled: boolean }[] } }).state.legs[0]!;
    expect(leg.cancelled, 'the leg was given up').to.equal(true);
  });

  it('a Redis it cannot reach is logged once per node, not every poll', async () => {
    // A real client to a port nobody listens on: every read fails at once.
    const away = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    away.on('error', () => undefined);
    const docs = createForwardDocStore(away, h.prefix);
    const p = createTimerPump({ nodes: ['fs1'], docs, queues: h.deps.queues, log: h.deps.log, pollMs: 20, leaseMs: 15_000 });
    pumps.push(p);
    p.start();
    await sleep(300);
    await p.stop();
    away.disconnect();
    const warned = h.logs.filter((l) => l.msg === 'timers not read (Redis away?): read again shortly');
    expect(warned.length, 'many polls failed').to.be.greaterThan(3);
    expect(warned.filter((l) => l.level === 'warn'), 'one warning').to.have.length(1);
  });
});
