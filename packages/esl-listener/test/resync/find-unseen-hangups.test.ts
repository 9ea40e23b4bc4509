import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { NodeConnection } from '@callfwd/freeswitch';
import type { SimNode } from '@callfwd/fs-sim';
import { createBridgedLegStore, type BridgedLegStore } from '@callfwd/store';
import { findUnseenHangups, HANGUP_NOT_SEEN } from '../../src/index.js';
import {
  captureLog,
  connect,
  connectRedis,
  deleteKeys,
  freshPrefix,
  startSim,
  waitFor,
  type Captured,
} from '../support/test-node.js';

describe('findUnseenHangups (against the simulator and Redis)', () => {
  let sim: SimNode;
  let conn: NodeConnection;
  let cap: Captured;
  let redis: ReturnType<typeof connectRedis>;
  let prefix: string;
  let bridgedLegs: BridgedLegStore;

  beforeEach(async () => {
    sim = await startSim();
    cap = captureLog();
    conn = await connect(sim, cap.log);
    prefix = freshPrefix();
    redis = connectRedis(undefined, prefix);
    bridgedLegs = createBridgedLegStore(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
    await conn.stop();
    await sim.stop();
  });

  it('ends a bridged leg gone from the node whose hangup was not seen, billed from its answer to when events stopped', async () => {
    const caller = sim.placeCall({
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice',
    }).uuid;
    const alive = sim.placeCall({
      dialled: '48221110003',
      callerNumber: '48601234568',
      callerName: 'Bob',
    }).uuid;
    await waitFor('both calls on the node', () => sim.channels().length === 2);
    const gone = randomUUID();
    const seen = randomUUID();
    const answeredAt = 1_800_000_000_000;
    await bridgedLegs.addBridgedLeg('fs1', { callUuid: caller, legUuid: gone, answeredAt });
    await bridgedLegs.addBridgedLeg('fs1', { callUuid: caller, legUuid: alive, answeredAt });
    await bridgedLegs.addBridgedLeg('fs1', { callUuid: caller, legUuid: seen, answeredAt });

    const found = await findUnseenHangups({
      conn,
      bridgedLegs,
      lostAt: answeredAt + 42_900,
      seenHangups: new Set([seen]),
      log: cap.log,
    });
    expect(found).to.deep.equal({
      ok: true,
      jobs: [
        {
          kind: 'job',
          jobId: `fwd-fs1-${caller}-leg_hung_up-${gone}`,
          job: {
            v: 2,
            node: 'fs1',
            callUuid: caller,
            event: {
              kind: 'leg_hung_up',
              legUuid: gone,
              cause: HANGUP_NOT_SEEN,
              billsec: 42,
              answeredAt,
              endedAt: answeredAt + 42_900,
              bridgedAt: answeredAt,
            },
          },
        },
      ],
    });
    expect(cap.said('bridged legs ended while disconnected: ending them')[0]).to.deep.include({ legs: 1 });
  });

  it('a leg answered after events stopped is billed nothing, never a negative length', async () => {
    const caller = randomUUID();
    const leg = randomUUID();
    await bridgedLegs.addBridgedLeg('fs1', { callUuid: caller, legUuid: leg, answeredAt: 2_000_000 });
    const found = await findUnseenHangups({
      conn,
      bridgedLegs,
      lostAt: 1_000_000,
      seenHangups: new Set(),
      log: cap.log,
    });
    expect(found.ok && found.jobs[0]?.job.event).to.deep.include({
      billsec: 0,
      answeredAt: 2_000_000,
      endedAt: 2_000_000,
    });
  });

  it('with no bridged legs it does not ask the node at all', async () => {
    const before = sim.commands().length;
    expect(
      await findUnseenHangups({ conn, bridgedLegs, lostAt: 0, seenHangups: new Set(), log: cap.log }),
    ).to.deep.equal({ ok: true, jobs: [] });
    expect(sim.commands().length).to.equal(before);
  });
});
