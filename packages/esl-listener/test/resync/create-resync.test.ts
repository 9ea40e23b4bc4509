import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { ForwardEvent, ForwardJob } from '@callfwd/domain';
import type { NodeConnection } from '@callfwd/freeswitch';
import type { SimNode } from '@callfwd/fs-sim';
import { createBridgedLegStore, createForwardDocStore, createQueues, type Queues } from '@callfwd/store';
import {
  createJobAdder,
  createResync,
  HANGUP_NOT_SEEN,
  LISTING_LAG_MS,
  type JobAdder,
  type Resync,
} from '../../src/index.js';
import { forwardOf } from '../support/forward-of.js';
import {
  captureLog,
  connect,
  connectRedis,
  deleteKeys,
  freshPrefix,
  ownRedis,
  quiet,
  redisUrl,
  startSim,
  waitFor,
  type Captured,
  type OwnRedis,
} from '../support/test-node.js';

const RETRY = { initialMs: 50, maxMs: 200 };

describe('createResync (against the simulator and Redis)', () => {
  let sim: SimNode;
  let conn: NodeConnection;
  let cap: Captured;
  let prefix: string;
  let own: OwnRedis | undefined;
  let redis: ReturnType<typeof connectRedis>;
  let producer: ReturnType<typeof connectRedis>;
  let queues: Queues;
  let adder: JobAdder;
  let resync: Resync | undefined;

  /**
   * Redis, queues and adder on `url` (the shared test Redis, or one of the test's own). The resync's
   * bridged-leg store is on the producer connection, as the listener has it; `setup` writes on another.
   */
  const useRedis = (url: string) => {
    redis = connectRedis(url, prefix);
    producer = connectRedis(url, prefix, 'producer');
    for (const r of [redis, producer]) r.on('error', () => undefined);
    queues = quiet(createQueues(producer, { prefix, nodeIds: ['fs1'] }));
    adder = createJobAdder({
      queues,
      log: cap.log,
      metrics: cap.metrics,
      holdMs: 30_000,
      retry: RETRY,
      onHoldExpired: () => Promise.resolve(),
    });
    return { bridgedLegs: createBridgedLegStore(producer, prefix), setup: createBridgedLegStore(redis, prefix), docs: createForwardDocStore(producer, prefix) };
  };
  const forwardJob = (id: string) => queues.queue('fs1', 'forward').getJob(id);
  /** The event a job in the node's forward queue carries. */
  const eventOf = async (id: string): Promise<ForwardEvent | undefined> =>
    ((await forwardJob(id))?.data as ForwardJob | undefined)?.event;

  beforeEach(async () => {
    sim = await startSim();
    cap = captureLog();
    conn = await connect(sim, cap.log);
    prefix = freshPrefix();
  });

  afterEach(async () => {
    await resync?.stop();
    resync = undefined;
    adder.stop();
    await adder.settle(2_000);
    if (redis.status === 'ready') await deleteKeys(redis, prefix);
    await queues.close();
    redis.disconnect();
    producer.disconnect();
    await own?.stop();
    own = undefined;
    await conn.stop();
    await sim.stop();
  });

  it('at connect, a second later and once more after a leg\'s listing lag adds the parked callers (one parked meanwhile too) and ends the legs that hung up unseen', async () => {
    const { bridgedLegs, setup, docs } = useRedis(redisUrl());
    const early = sim.placeCall({
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice',
    }).uuid;
    await waitFor('the first call parked', () => sim.channels().some((c) => c.uuid === early && c.parked));
    const gone = randomUUID();
    await setup.addBridgedLeg('fs1', { callUuid: early, legUuid: gone, answeredAt: Date.now() - 60_000 });
    resync = createResync({ bridgedLegs, docs, adder, log: cap.log, startedAt: Date.now() - 30_000, retry: RETRY });
    const connectedAt = Date.now();
    resync.connected(conn);
    await waitFor('the first pass', () => cap.said('resync: parked tagged calls found').length === 1);
    // Parked while we listened, but its CHANNEL_PARK went to no one (this socket has no events): only the second pass finds it.
    const late = sim.placeCall({
      dialled: '48221110003',
      callerNumber: '48601234568',
      callerName: 'Bob',
    }).uuid;
    await waitFor('the resync done', () => cap.said('resync done').length === 1, 5_000);
    expect(Date.now() - connectedAt).to.be.within(LISTING_LAG_MS + 400, LISTING_LAG_MS + 3_000);
    expect(cap.said('resync: parked tagged calls found').map((l) => l.parked)).to.deep.equal([1, 2, 2]);
    await waitFor('the jobs added', () => adder.pending() === 0);
    expect((await eventOf(`fwd-fs1-${early}-parked`))?.kind).to.equal('parked');
    const lateEvent = await eventOf(`fwd-fs1-${late}-parked`);
    expect(lateEvent?.kind === 'parked' && lateEvent.call.callerName).to.equal('Bob');
    const hungUp = await eventOf(`fwd-fs1-${early}-leg_hung_up-${gone}`);
    expect(hungUp).to.deep.include({
      kind: 'leg_hung_up',
      legUuid: gone,
      cause: HANGUP_NOT_SEEN,
      billsec: 30,
    });
    expect(await queues.queue('fs1', 'forward').count()).to.equal(3);
  });

  it('finds gone, by its last pass, a leg whose originate went out just before the connection was cut and never reached the node', async () => {
    const { bridgedLegs, docs } = useRedis(redisUrl());
    const caller = sim.placeCall({ dialled: '48221110002', callerNumber: '48601234567', callerName: 'Alice' }).uuid;
    await waitFor('the call parked', () => sim.channels().some((c) => c.uuid === caller && c.parked));
    // The worker wrote its originate 100 ms before the cut; the node never read it (no channel).
    const cut = randomUUID();
    await docs.save('fs1', caller, 0, { state: forwardOf(caller, [{ legUuid: cut, status: 'ringing', answeredAt: null, originatedAt: Date.now() - 100 }]), outbox: [] }, 60_000);
    resync = createResync({ bridgedLegs, docs, adder, log: cap.log, startedAt: Date.now() - 30_000, retry: RETRY });
    const connectedAt = Date.now();
    resync.connected(conn);
    const jobId = `fwd-fs1-${caller}-leg_hung_up-${cut}`;
    // The first two passes leave it alone: a leg that young may not be listed yet.
    await waitFor('the second pass', () => cap.said('resync: parked tagged calls found').length === 2, 5_000);
    await waitFor('the jobs added', () => adder.pending() === 0);
    expect(await forwardJob(jobId)).to.equal(undefined);
    await waitFor('the resync done', () => cap.said('resync done').length === 1, 5_000);
    expect(Date.now() - connectedAt).to.be.at.least(LISTING_LAG_MS);
    await waitFor('the jobs added', () => adder.pending() === 0);
    expect(await eventOf(jobId)).to.deep.include({ kind: 'leg_hung_up', legUuid: cut, cause: HANGUP_NOT_SEEN, billsec: 0, answeredAt: null, bridgedAt: null });
  });

  it('a resync that fails because Redis is not up yet is tried again until it succeeds', async () => {
    own = await ownRedis();
    const { bridgedLegs, docs } = useRedis(own.url);
    const caller = sim.placeCall({
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice',
    }).uuid;
    await waitFor('the call parked', () => sim.channels().some((c) => c.uuid === caller && c.parked));
    resync = createResync({
      bridgedLegs,
      docs,
      adder,
      log: cap.log,
      startedAt: Date.now(),
      retry: RETRY,
      passesAtMs: [0],
    });
    resync.connected(conn);
    await waitFor('two failed tries', () => cap.said('resync failed: trying again').length >= 2);
    expect(cap.said('resync done')).to.have.length(0);
    await own.start();
    await waitFor('the resync done', () => cap.said('resync done').length === 1);
    await waitFor(
      'the parked job added',
      async () => (await forwardJob(`fwd-fs1-${caller}-parked`)) !== undefined,
    );
  });

  it('stops trying when the node goes away', async () => {
    own = await ownRedis(); // never started: every pass fails
    const { bridgedLegs, docs } = useRedis(own.url);
    resync = createResync({ bridgedLegs, docs, adder, log: cap.log, startedAt: 0, retry: RETRY });
    resync.connected(conn);
    await waitFor('a failed try', () => cap.said('resync failed: trying again').length >= 1);
    resync.disconnected('fs1');
    const tries = cap.said('resync failed: trying again').length;
    await new Promise((r) => setTimeout(r, 700));
    expect(cap.said('resync failed: trying again').length).to.be.at.most(tries + 1);
    await resync.stop();
  });

  it('a leg whose hangup this session saw is not ended again as unseen', async () => {
    const { bridgedLegs, setup, docs } = useRedis(redisUrl());
    const caller = randomUUID();
    const seen = randomUUID();
    const unseen = randomUUID();
    for (const leg of [seen, unseen])
      await setup.addBridgedLeg('fs1', { callUuid: caller, legUuid: leg, answeredAt: Date.now() - 5_000 });
    resync = createResync({
      bridgedLegs,
      docs,
      adder,
      log: cap.log,
      startedAt: Date.now(),
      retry: RETRY,
      passesAtMs: [0],
    });
    resync.disconnected('fs1');
    resync.sawLegHangup('fs1', seen);
    resync.connected(conn);
    await waitFor('the resync done', () => cap.said('resync done').length === 1);
    await waitFor('the jobs added', () => adder.pending() === 0);
    expect(await forwardJob(`fwd-fs1-${caller}-leg_hung_up-${unseen}`)).to.not.equal(undefined);
    expect(await forwardJob(`fwd-fs1-${caller}-leg_hung_up-${seen}`)).to.equal(undefined);
  });

  it('after a reconnect, a leg that ended unseen is billed to the moment the events stopped, not to the reconnect', async () => {
    const { bridgedLegs, setup, docs } = useRedis(redisUrl());
    const caller = randomUUID();
    const leg = randomUUID();
    const answeredAt = Date.now() - 10_000;
    await setup.addBridgedLeg('fs1', { callUuid: caller, legUuid: leg, answeredAt });
    resync = createResync({ bridgedLegs, docs, adder, log: cap.log, startedAt: 0, retry: RETRY, passesAtMs: [0] });
    const lostAt = Date.now();
    resync.disconnected('fs1');
    await new Promise((r) => setTimeout(r, 1_200));
    resync.connected(conn);
    await waitFor('the resync done', () => cap.said('resync done').length === 1);
    await waitFor('the job added', () => adder.pending() === 0);
    const event = await eventOf(`fwd-fs1-${caller}-leg_hung_up-${leg}`);
    if (event?.kind !== 'leg_hung_up') throw new Error(`no leg_hung_up job: ${JSON.stringify(event)}`);
    expect(event.billsec).to.equal(10);
    expect(event.endedAt - lostAt).to.be.within(0, 100);
    expect(event).to.deep.include({ answeredAt, bridgedAt: answeredAt, cause: HANGUP_NOT_SEEN });
  });
});
