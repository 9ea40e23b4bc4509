import { expect } from 'chai';
import type { ForwardCall } from '@callfwd/domain';
import { createLineCache, createLineStore, type LineStore } from '@callfwd/store';
import { processForwardJob, type WorkerDeps } from '../../src/index.js';
import { startHarness, type Harness } from '../support/worker-harness.js';

describe('worker: lines changed at run time', function () {
  this.timeout(20_000);
  let h: Harness;
  let store: LineStore;
  let deps: WorkerDeps;
  let listed: number;
  beforeEach(async () => {
    h = await startHarness();
    store = createLineStore(h.redis, h.prefix);
    await store.seed(h.deps.config.lines);
    // As create-worker does, with a cache that checks the version key at most every 500 ms.
    const cache = createLineCache({ ...store, list: () => ((listed += 1), store.list()) }, { refreshMs: 500 });
    listed = 0;
    deps = { ...h.deps, lines: () => cache.lines() };
  });
  afterEach(() => h.stop());

  const park = (): ForwardCall => {
    const { uuid } = h.sim.placeCall({ dialled: '48221120001', callerNumber: '48501234567', callerName: 'C' });
    return { node: 'fs1', callUuid: uuid, connection: 'pbx-b', dialled: '48221120001', callerNumber: '48501234567', callerName: 'C', disposition: null, parkedAt: Date.now(), isForwardLeg: false };
  };
  const originateOf = (callUuid: string) => {
    const sent = h.sim.originates().filter((o) => o.vars.some(([k, v]) => k === 'callfwd_parent' && v === callUuid));
    expect(sent, 'one originate').to.have.length(1);
    const vars = new Map(sent[0]!.vars);
    return { dial: sent[0]!.dialString, callerId: vars.get('origination_caller_id_number') };
  };

  it("the next forward uses a line changed at run time, without a restart; the forwards in between read no Redis for it", async () => {
    const first = park();
    await processForwardJob(deps, h.job(first.callUuid, { kind: 'parked', call: first }), 'j1');
    expect(originateOf(first.callUuid).dial).to.match(/^sofia\/gateway\/platform\/.*601000001$/);
    const loaded = listed;

    // A new line and pbx-b forwarding through it: what PUT /v1/lines/office and /v1/lines/pbx-b write.
    await store.set({ id: 'office', kind: 'connected', number: '+48223330000', dial: 'sofia/gateway/platform/{number}', account: 'platform', diversion: false, failover: [], earlyMedia: 'ringback' });
    const pbxB = await store.get('pbx-b');
    if (pbxB === null) throw new Error('pbx-b was seeded');
    await store.set({ ...pbxB, forwardVia: 'office' });
    await new Promise((resolve) => setTimeout(resolve, 600));

    const second = park();
    await processForwardJob(deps, h.job(second.callUuid, { kind: 'parked', call: second }), 'j2');
    const sent = originateOf(second.callUuid);
    expect(sent.callerId, 'caller ID of the new via line').to.match(/223330000$/);
    expect(listed, 'the set was reloaded once, when its version moved').to.equal(loaded + 1);
    expect(originateOf(first.callUuid).callerId, 'the first forward left via the main line').to.match(/221000000$/);
  });
});
