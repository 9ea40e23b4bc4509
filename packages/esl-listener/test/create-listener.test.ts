import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { NodeConnection } from '@callfwd/freeswitch';
import type { SimNode } from '@callfwd/fs-sim';
import { createQueues, type Queues } from '@callfwd/store';
import { createListener, type CallfwdListener } from '../src/index.js';
import {
  captureLog,
  connect,
  connectRedis,
  deleteKeys,
  freePort,
  freshPrefix,
  listenerConfig,
  quiet,
  redisUrl,
  startSim,
  waitFor,
  type Captured,
} from './support/test-node.js';

describe('createListener (against the simulator and Redis)', () => {
  let sim: SimNode;
  let cap: Captured;
  let prefix: string;
  let redis: ReturnType<typeof connectRedis>;
  let queues: Queues;
  const listeners: CallfwdListener[] = [];
  const conns: NodeConnection[] = [];

  const start = (url = redisUrl(), holdMs?: number) => {
    const listener = createListener({
      config: listenerConfig(sim.port, url, prefix),
      log: cap.log.child({ app: `listener${listeners.length}` }),
      metrics: cap.metrics,
      ...(holdMs === undefined ? {} : { holdMs }),
    });
    listener.start();
    listeners.push(listener);
    return listener;
  };
  const forwardJob = async (id: string) =>
    (await queues.queue('fs1', 'forward').getJob(id))?.data as { event: Record<string, unknown> } | undefined;
  const eventOf = (id: string) => waitFor(`job ${id}`, async () => (await forwardJob(id))?.event);

  beforeEach(async () => {
    sim = await startSim({ '700': { kind: 'answer', afterMs: 100, hangupAfterMs: 400 } });
    cap = captureLog();
    prefix = freshPrefix();
    redis = connectRedis(redisUrl(), prefix);
    queues = quiet(createQueues(redis, { prefix, nodeIds: ['fs1'] }));
  });

  afterEach(async () => {
    for (const l of listeners.splice(0)) expect((await l.drain(2_000)).finished).to.equal(true);
    for (const c of conns.splice(0)) await c.stop();
    await queues.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    await sim.stop();
  });

  it("turns a forward's events into event jobs: park, answer, bridge, the leg's and the caller's hangups", async () => {
    const listener = start();
    await waitFor('the listener ready', () => Object.values(listener.readiness()).every(Boolean));
    const caller = sim.placeCall({
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice',
      disposition: 'NO_ANSWER',
    }).uuid;
    expect(await eventOf(`fwd-fs1-${caller}-parked`)).to.deep.include({ kind: 'parked' });

    // What the worker does, on a connection of its own: originate our leg (callfwd_leg = its uuid), then bridge.
    const worker = await connect(sim, cap.log);
    conns.push(worker);
    const leg = randomUUID();
    const sent = await worker.sendOriginate({
      legUuid: leg,
      jobUuid: randomUUID(),
      dialString: 'loopback/700/forward-target',
      variables: { callfwd_parent: caller, callfwd_leg: leg, callfwd_forwarded: 'true' },
    });
    expect(sent.ok).to.equal(true);
    const answered = await eventOf(`fwd-fs1-${caller}-leg_answered-${leg}`);
    // The originate's +OK says nothing the answer does not: it makes no job.
    expect(await queues.queue('fs1', 'forward').getJob(`fwd-fs1-${caller}-originate_result-${leg}`)).to.equal(undefined);
    expect((await worker.preAnswer(caller)).ok).to.equal(true);
    expect((await worker.bridge(caller, leg)).ok).to.equal(true);
    const bridged = await eventOf(`fwd-fs1-${caller}-leg_bridged-${leg}`);
    const hungUp = await eventOf(`fwd-fs1-${caller}-leg_hung_up-${leg}`);
    expect(hungUp).to.deep.include({
      kind: 'leg_hung_up',
      legUuid: leg,
      cause: 'NORMAL_CLEARING',
    });
    // The simulator's answer event and the hangup's Caller-Channel-Answered-Time can be 1 ms apart.
    expect(hungUp.answeredAt)
      .to.be.a('number')
      .and.to.be.closeTo(answered.at as number, 2);
    expect(hungUp.bridgedAt)
      .to.be.a('number')
      .and.to.be.closeTo(bridged.at as number, 50);
    expect(await eventOf(`fwd-fs1-${caller}-caller_hung_up`)).to.deep.include({
      kind: 'caller_hung_up',
      cause: 'NORMAL_CLEARING',
    });
    // The loopback -b half carries the same variables under another uuid: it made none of these.
    const ids = (await queues.queue('fs1', 'forward').getJobs(['waiting'])).map((j) => j.id).sort();
    expect(ids).to.deep.equal(
      [
        `fwd-fs1-${caller}-parked`,
        `fwd-fs1-${caller}-leg_answered-${leg}`,
        `fwd-fs1-${caller}-leg_bridged-${leg}`,
        `fwd-fs1-${caller}-leg_hung_up-${leg}`,
        `fwd-fs1-${caller}-caller_hung_up`,
      ].sort(),
    );
    expect((await cap.metrics.jobsAdded.get()).values[0]?.value).to.equal(5);
  });

  it('two listeners on one node make one job per event', async () => {
    const a = start();
    const b = start();
    await waitFor('both listeners ready', () =>
      [a, b].every((l) => Object.values(l.readiness()).every(Boolean)),
    );
    const caller = sim.placeCall({
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice',
    }).uuid;
    await eventOf(`fwd-fs1-${caller}-parked`);
    await waitFor(
      'both listeners added it',
      async () => ((await cap.metrics.jobsAdded.get()).values[0]?.value ?? 0) >= 2,
    );
    expect(await queues.queue('fs1', 'forward').count()).to.equal(1);
  });

  it('a call parked while the listener was away is found by the resync after it reconnects', async () => {
    const listener = start();
    await waitFor('the listener ready', () => Object.values(listener.readiness()).every(Boolean));
    sim.dropConnections();
    const caller = sim.placeCall({
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice',
    }).uuid;
    expect(await eventOf(`fwd-fs1-${caller}-parked`)).to.deep.include({ kind: 'parked' });
    expect(cap.said('node down')).to.have.length(1);
  });

  it('while Redis is unreachable a parked caller waits at most the hold, then gets the fallback', async () => {
    const listener = start(`redis://127.0.0.1:${await freePort()}`, 300);
    await waitFor('the node connected', () => listener.readiness()['node:fs1']);
    expect(listener.readiness().redis).to.equal(false);
    const caller = sim.placeCall({
      connection: 'pbx-a',
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice',
    }).uuid;
    const transfer = await waitFor(
      'the transfer',
      () => sim.commands().find((c) => c.raw.startsWith(`api uuid_transfer ${caller}`)),
      5_000,
    );
    expect(transfer.raw).to.include('voicemail XML default');
    await waitFor('the fallback logged', () => cap.said('redis unavailable: caller sent to the fallback').length > 0, 5_000);
    expect(cap.said('redis unavailable: caller sent to the fallback')[0]).to.deep.include({
      callUuid: caller,
      fallback: 'voicemail',
      ok: true,
    });
    expect((await cap.metrics.forwardOutcomes.get()).values).to.deep.equal([
      { value: 1, labels: { outcome: 'failed', node: 'fs1', connection: 'pbx-a', line: '' } },
    ]);
    // The resync found the same caller parked: that job is never given the fallback (the caller may
    // be forwarded already) and still waits for Redis, so the drain says it did not finish.
    listeners.splice(listeners.indexOf(listener), 1);
    expect((await listener.drain(500)).finished).to.equal(false);
  });
});
