import { expect } from 'chai';
import type { ForwardCall, ForwardEvent, ForwardState } from '@callfwd/domain';
import { createForwardCache, type ForwardCache } from '../../src/forward/forward-cache.js';
import { parseForwardDoc } from '../../src/forward/forward-doc.js';
import { processForwardJob, type ForwardNode, type WorkerDeps } from '../../src/index.js';
import { startHarness, type Harness } from '../support/worker-harness.js';

const stored = (version: number, phase: ForwardState['phase'] = 'trying') =>
  ({ version, doc: { state: { phase } as ForwardState, outbox: [] } });

describe('worker: the forward cache (what this process stored last)', function () {
  describe('createForwardCache', () => {
    it('keeps at most maxEntries, the least recently used going first', () => {
      const cache = createForwardCache(2);
      cache.put('fs1', 'a', stored(1));
      cache.put('fs1', 'b', stored(1));
      expect(cache.get('fs1', 'a')?.version, 'a is now the most recently used').to.equal(1);
      cache.put('fs1', 'c', stored(1));
      expect(cache.size()).to.equal(2);
      expect(cache.get('fs1', 'b'), 'b was the least recently used').to.equal(undefined);
      expect(cache.get('fs1', 'a')?.version).to.equal(1);
      expect(cache.get('fs1', 'c')?.version).to.equal(1);
    });

    it('never replaces a newer version with an older one; drop forgets; 0 keeps nothing', () => {
      const cache = createForwardCache(10);
      cache.put('fs1', 'a', stored(3));
      cache.put('fs1', 'a', stored(2));
      expect(cache.get('fs1', 'a')?.version).to.equal(3);
      cache.put('fs1', 'a', stored(4));
      expect(cache.get('fs1', 'a')?.version).to.equal(4);
      expect(cache.get('fs2', 'a'), 'per node').to.equal(undefined);
      cache.drop('fs1', 'a');
      expect(cache.get('fs1', 'a')).to.equal(undefined);
      const none = createForwardCache(0);
      none.put('fs1', 'a', stored(1));
      expect(none.size()).to.equal(0);
      expect(() => createForwardCache(-1)).to.throw(RangeError);
    });
  });

  describe('with a worker', function () {
    this.timeout(20_000);
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(() => h.stop());

    /** A worker process's deps: its own cache, and a count of the documents it read. */
    const processOf = (cache: ForwardCache = createForwardCache(100), nodes?: ReadonlyMap<string, ForwardNode>) => {
      const reads = { count: 0 };
      const docs = { ...h.deps.docs, load: (node: string, uuid: string) => ((reads.count += 1), h.deps.docs.load(node, uuid)) };
      const deps: WorkerDeps = { ...h.deps, docs, forwards: cache, ...(nodes === undefined ? {} : { nodes }) };
      return { deps, cache, reads, run: (callUuid: string, event: ForwardEvent, jobId: string) => processForwardJob(deps, h.job(callUuid, event), jobId) };
    };
    const park = (): ForwardCall => {
      const { uuid } = h.sim.placeCall({ dialled: '48221120001', callerNumber: '48501234567', callerName: 'C' });
      return { node: 'fs1', callUuid: uuid, connection: 'pbx-b', dialled: '48221120001', callerNumber: '48501234567', callerName: 'C', disposition: null, parkedAt: Date.now(), isForwardLeg: false };
    };
    const stateOf = async (callUuid: string) => {
      const loaded = await h.deps.docs.load('fs1', callUuid);
      if (loaded === null) throw new Error('no forward document');
      return parseForwardDoc(loaded);
    };
    const originatesOf = (callUuid: string) => h.sim.originates().filter((o) => o.vars.some(([k, v]) => k === 'callfwd_parent' && v === callUuid));
    const bridgesOf = (callUuid: string) => h.sim.commands().filter((c) => c.raw.startsWith(`api uuid_bridge ${callUuid} `));

    it("a forward's jobs on one process read no document: park, answer, hangups; the ended forward is forgotten", async () => {
      const p = processOf();
      const call = park();
      const parked = await p.run(call.callUuid, { kind: 'parked', call }, 'j1');
      expect(parked.phase).to.equal('trying');
      expect(p.reads.count, 'a park this process has never seen starts a new forward without a read').to.equal(0);
      const legUuid = (await stateOf(call.callUuid)).state.legs[0]!.legUuid;
      // The node places the leg a moment after the bgapi's reply: bridge it once it is there.
      for (let i = 0; i < 100 && !(await h.conn.exists(legUuid)); i++) await new Promise((r) => setTimeout(r, 20));
      const at = Date.now();
      await p.run(call.callUuid, { kind: 'leg_answered', legUuid, at }, 'j2');
      await p.run(call.callUuid, { kind: 'leg_bridged', legUuid, at: at + 5 }, 'j3');
      expect(p.reads.count).to.equal(0);
      expect(bridgesOf(call.callUuid)).to.have.length(1);
      const s = (await stateOf(call.callUuid)).state;
      expect(s.phase).to.equal('bridged');
      expect(s.legs[0]).to.include({ status: 'bridged', answeredAt: at, bridgedAt: at + 5 });
      expect(p.cache.get('fs1', call.callUuid)?.version, 'the cache holds the stored version').to.equal((await h.deps.docs.load('fs1', call.callUuid))!.version);
      await p.run(call.callUuid, { kind: 'leg_hung_up', legUuid, cause: 'NORMAL_CLEARING', billsec: 7, answeredAt: at, endedAt: at + 7_000, bridgedAt: at + 5 }, 'j4');
      const done = await p.run(call.callUuid, { kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: at + 7_001, call: null, parked: false }, 'j5');
      expect(done.phase).to.equal('done');
      expect(p.reads.count).to.equal(0);
      expect(p.cache.get('fs1', call.callUuid), 'an ended forward leaves the cache').to.equal(undefined);
      const debits = await h.deps.ledger.listDebits('platform', 10);
      expect(debits.map((d) => d.leg), 'charged once').to.deep.equal([legUuid]);
      expect(originatesOf(call.callUuid)).to.have.length(1);
    });

    it('a cached version that another process has since changed: the save is a conflict, reads, and steps the current state', async () => {
      const a = processOf();
      const b = processOf();
      const call = park();
      await a.run(call.callUuid, { kind: 'parked', call }, 'j1');
      const legUuid = (await stateOf(call.callUuid)).state.legs[0]!.legUuid;
      // Process b handles the caller's hangup while the target rings: a's cache is now behind.
      await b.run(call.callUuid, { kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: Date.now(), call: null, parked: true }, 'j2');
      expect(b.reads.count).to.equal(1);
      const answered = await a.run(call.callUuid, { kind: 'leg_answered', legUuid, at: Date.now() }, 'j3');
      expect(a.reads.count, 'the conflict read the current version').to.equal(1);
      expect(answered.phase, 'stepped on the state with the caller gone').to.not.equal('trying');
      expect(bridgesOf(call.callUuid), 'no bridge to a caller who is gone').to.have.length(0);
      const s = (await stateOf(call.callUuid)).state;
      expect(s.seen).to.include('caller_hung_up');
      expect(s.seen).to.include(`leg_answered:${legUuid}`);
    });

    it('an event that changes nothing is not believed from the cache: it reads the current state', async () => {
      const a = processOf();
      const b = processOf();
      const call = park();
      await a.run(call.callUuid, { kind: 'parked', call }, 'j1');
      await b.run(call.callUuid, { kind: 'caller_hung_up', cause: 'NORMAL_CLEARING', at: Date.now(), call: null, parked: true }, 'j2');
      const again = await a.run(call.callUuid, { kind: 'parked', call }, 'j1-redelivered');
      expect(again.ignored).to.equal('duplicate event');
      expect(a.reads.count).to.equal(1);
      expect(again.phase, 'the phase read, not the cached trying').to.equal((await stateOf(call.callUuid)).state.phase).and.not.equal('trying');
    });

    it('the same park on two processes that never saw it: the second save is a conflict and places no second leg', async () => {
      const a = processOf();
      const b = processOf();
      const call = park();
      await a.run(call.callUuid, { kind: 'parked', call }, 'j1');
      const again = await b.run(call.callUuid, { kind: 'parked', call }, 'j1-redelivered');
      expect(again.ignored).to.equal('duplicate event');
      expect(b.reads.count).to.equal(1);
      expect(originatesOf(call.callUuid)).to.have.length(1);
      expect(await h.deps.ledger.listHolds('platform')).to.have.length(1);
    });

    it('a job that fails forgets the forward: its retry reads, and runs the effect left in the outbox once', async () => {
      const cache = createForwardCache(100);
      const failingBridge = new Proxy(h.conn, {
        get(target, key) {
          if (key === 'bridge') return () => Promise.reject(new Error('node away'));
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      }) as ForwardNode;
      const broken = processOf(cache, new Map([['fs1', failingBridge]]));
      const call = park();
      await broken.run(call.callUuid, { kind: 'parked', call }, 'j1');
      const legUuid = (await stateOf(call.callUuid)).state.legs[0]!.legUuid;
      const at = Date.now();
      const failed = await broken.run(call.callUuid, { kind: 'leg_answered', legUuid, at }, 'j2').then(() => null, (err: unknown) => err as Error);
      expect(failed?.message).to.match(/node away/);
      expect(cache.get('fs1', call.callUuid), 'forgotten').to.equal(undefined);
      expect((await stateOf(call.callUuid)).outbox.map((e) => e.kind)).to.include('bridge');
      const healthy = processOf(cache);
      await healthy.run(call.callUuid, { kind: 'leg_answered', legUuid, at }, 'j2');
      expect(healthy.reads.count, 'the retry read the document').to.equal(1);
      expect(bridgesOf(call.callUuid)).to.have.length(1);
      expect((await stateOf(call.callUuid)).outbox).to.have.length(0);
    });

    it('events of one forward handled at once by many slots of one process: each applied once, one bridge sent', async () => {
      const p = processOf();
      const call = park();
      await p.run(call.callUuid, { kind: 'parked', call }, 'j1');
      const legUuid = (await stateOf(call.callUuid)).state.legs[0]!.legUuid;
      const at = Date.now();
      const events: ForwardEvent[] = [
        { kind: 'originate_result', legUuid, ok: true, cause: null },
        { kind: 'leg_early_media', legUuid, at },
        { kind: 'leg_answered', legUuid, at },
        { kind: 'leg_answered', legUuid, at },
        { kind: 'leg_answered', legUuid, at },
      ];
      await Promise.all(events.map((event, i) => p.run(call.callUuid, event, `c${i}`)));
      const { state: s, outbox } = await stateOf(call.callUuid);
      expect(s.seen.filter((id) => id === `leg_answered:${legUuid}`)).to.have.length(1);
      expect(s.legs[0]).to.include({ status: 'answered', bridgeSent: true });
      expect(outbox).to.have.length(0);
      expect(bridgesOf(call.callUuid)).to.have.length(1);
      const loaded = (await h.deps.docs.load('fs1', call.callUuid))!;
      expect(p.cache.get('fs1', call.callUuid)?.version, 'the newest version stays cached').to.equal(loaded.version);
    });
  });
});
