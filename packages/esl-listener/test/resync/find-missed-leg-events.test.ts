import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { NodeConnection } from '@callfwd/freeswitch';
import type { SimNode } from '@callfwd/fs-sim';
import { createForwardDocStore, type ForwardDocStore } from '@callfwd/store';
import { findMissedLegEvents } from '../../src/resync/find-missed-leg-events.js';
import { forwardOf } from '../support/forward-of.js';
import { captureLog, connect, connectRedis, deleteKeys, freshPrefix, startSim, waitFor, type Captured } from '../support/test-node.js';

describe('findMissedLegEvents: the events of forwards in flight missed while disconnected (simulator and Redis)', () => {
  let sim: SimNode;
  let conn: NodeConnection;
  let cap: Captured;
  let redis: ReturnType<typeof connectRedis>;
  let prefix: string;
  let docs: ForwardDocStore;

  beforeEach(async () => {
    sim = await startSim();
    cap = captureLog();
    conn = await connect(sim, cap.log);
    prefix = freshPrefix();
    redis = connectRedis(undefined, prefix);
    docs = createForwardDocStore(redis, prefix);
  });
  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
    await conn.stop();
    await sim.stop();
  });

  it('an answered leg the forward still takes for ringing, a leg gone, a caller gone; a leg placed a moment ago is left alone', async () => {
    const caller = sim.placeCall({ dialled: '48221110002', callerNumber: '48601234567', callerName: 'A' }).uuid;
    const answered = randomUUID();
    const sent = await conn.sendOriginate({ legUuid: answered, jobUuid: randomUUID(), dialString: 'loopback/700/forward-target', variables: {} });
    expect(sent.ok).to.equal(true);
    await waitFor('the leg answered', () => sim.channels().some((c) => c.uuid === answered && c.answered));
    const gone = randomUUID();
    const justPlaced = randomUUID();
    const now = Date.now();
    await docs.save('fs1', caller, 0, { state: forwardOf(caller, [
      { legUuid: gone, status: 'ringing', answeredAt: null, originatedAt: now - 20_000 },
      { legUuid: answered, status: 'ringing', answeredAt: null, originatedAt: now - 10_000 },
      { legUuid: justPlaced, status: 'ringing', answeredAt: null, originatedAt: now - 100 },
    ]), outbox: [] }, 60_000);
    const callerGone = randomUUID();
    await docs.save('fs1', callerGone, 0, { state: forwardOf(callerGone, []), outbox: [] }, 60_000);

    const found = await findMissedLegEvents({ conn, docs, log: cap.log, now: () => now });
    if (!found.ok) throw new Error(found.error);
    const byCall = (call: string) => found.jobs.filter((j) => j.job.callUuid === call).map((j) => j.job.event);
    expect(byCall(caller)).to.deep.equal([
      { kind: 'leg_hung_up', legUuid: gone, cause: 'HANGUP_NOT_SEEN', billsec: 0, answeredAt: null, endedAt: now, bridgedAt: null },
      { kind: 'leg_answered', legUuid: answered, at: now },
    ]);
    expect(byCall(callerGone)).to.deep.equal([{ kind: 'caller_hung_up', cause: 'HANGUP_NOT_SEEN', at: now, call: null, parked: true }]);
    // The ids are the real events' ids: a real one seen by another listener wins.
    expect(found.jobs.map((j) => j.jobId)).to.include(`fwd-fs1-${caller}-leg_answered-${answered}`);
  });

  it('a finished forward, or none at all, makes nothing', async () => {
    const caller = sim.placeCall({ dialled: '48221110002', callerNumber: '48601234567', callerName: 'A' }).uuid;
    expect(await findMissedLegEvents({ conn, docs, log: cap.log })).to.deep.equal({ ok: true, jobs: [] });
    await docs.save('fs1', caller, 0, { state: { ...forwardOf(caller, []), phase: 'done' }, outbox: [] }, 60_000);
    expect(await findMissedLegEvents({ conn, docs, log: cap.log })).to.deep.equal({ ok: true, jobs: [] });
  });
});
