import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { NodeConnection } from '@callfwd/freeswitch';
import type { SimNode } from '@callfwd/fs-sim';
import { listParkedCalls } from '../../src/index.js';
import { captureLog, connect, startSim, waitFor, type Captured } from '../support/test-node.js';

describe('listParkedCalls (against the simulator)', () => {
  let sim: SimNode;
  let conn: NodeConnection;
  let cap: Captured;

  beforeEach(async () => {
    sim = await startSim({ '700': { kind: 'answer', afterMs: 0 } });
    cap = captureLog();
    conn = await connect(sim, cap.log);
  });

  afterEach(async () => {
    await conn.stop();
    await sim.stop();
  });

  it("makes one `parked` job per parked, tagged caller, from the node's listing and variables", async () => {
    const busy = sim.placeCall({
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice Caller',
      connection: 'pbx-a',
      disposition: 'USER_BUSY',
    }).uuid;
    const forwarded = sim.placeCall({
      dialled: '48221110003',
      callerNumber: '48601234568',
      callerName: 'Bob',
      connection: 'pbx-b',
      variables: { callfwd_forwarded: 'true' },
    }).uuid;
    // Not callers of ours: an inbound channel carrying callfwd_parent, and our own leg parked after its originate.
    sim.placeCall({
      dialled: '48221110004',
      callerNumber: '48601234569',
      callerName: 'Carol',
      variables: { callfwd_parent: busy },
    });
    const leg = randomUUID();
    await conn.sendOriginate({
      legUuid: leg,
      jobUuid: randomUUID(),
      dialString: 'loopback/700/forward-target',
      variables: { callfwd_parent: busy, callfwd_leg: leg },
    });
    await waitFor(
      'three parked callers and the parked leg',
      () => sim.channels().filter((c) => c.parked).length === 4,
    );

    const before = Date.now();
    const listed = await listParkedCalls(conn, cap.log);
    expect(listed.ok).to.equal(true);
    if (!listed.ok) return;
    expect(listed.jobs.map((j) => j.jobId).sort()).to.deep.equal(
      [`fwd-fs1-${busy}-parked`, `fwd-fs1-${forwarded}-parked`].sort(),
    );
    const byCall = new Map(listed.jobs.map((j) => [j.job.callUuid, j.job]));
    const call = byCall.get(busy)?.event;
    expect(call?.kind === 'parked' && { ...call.call, parkedAt: 0 }).to.deep.equal({
      node: 'fs1',
      callUuid: busy,
      connection: 'pbx-a',
      dialled: '48221110002',
      callerNumber: '48601234567',
      callerName: 'Alice Caller',
      disposition: 'USER_BUSY',
      parkedAt: 0,
      isForwardLeg: false,
    });
    // `show channels` has whole seconds of creation only.
    const parkedAt = call?.kind === 'parked' ? call.call.parkedAt : -1;
    expect(parkedAt % 1000).to.equal(0);
    expect(before - parkedAt).to.be.within(0, 5_000);
    const other = byCall.get(forwarded)?.event;
    expect(
      other?.kind === 'parked' && [other.call.connection, other.call.disposition, other.call.isForwardLeg],
    ).to.deep.equal(['pbx-b', null, true]);
    expect(cap.said('resync: parked tagged calls found')[0]).to.deep.include({ parked: 2 });
  });

  it('finds nothing on an idle node', async () => {
    expect(await listParkedCalls(conn, cap.log)).to.deep.equal({ ok: true, jobs: [] });
  });

  it('a bad tag is logged and skipped, not a failure of the listing', async () => {
    const bad = sim.placeCall({
      dialled: '1',
      callerNumber: '2',
      callerName: 'x',
      connection: 'Not An Id',
    }).uuid;
    await waitFor('the call parked', () => sim.channels().some((c) => c.uuid === bad && c.parked));
    expect(await listParkedCalls(conn, cap.log)).to.deep.equal({ ok: true, jobs: [] });
    expect(cap.said('resync: parked call does not make a valid job')[0]).to.deep.include({ callUuid: bad });
  });
});
