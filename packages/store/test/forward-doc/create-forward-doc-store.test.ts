import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createForwardDocStore } from '../../src/forward-doc/create-forward-doc-store.js';
import type { ForwardDocStore } from '../../src/forward-doc/create-forward-doc-store.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from '../support/redis.js';

const DAY = 24 * 60 * 60 * 1000;

describe('createForwardDocStore', () => {
  let prefix: string;
  let redis: Redis | Cluster;
  let store: ForwardDocStore;
  before(() => {
    redisUrl();
  });
  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    store = createForwardDocStore(redis, prefix);
  });
  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  describe('load / save', () => {
    it('loads nothing for a forward that was never saved', async () => {
      expect(await store.load('fs1', 'call-1')).to.equal(null);
    });

    it('creates with version 0, then saves only over the version it read', async () => {
      const doc = { phase: 'routing', legs: [{ uuid: 'leg-1', attempt: 0 }], note: null };
      expect(await store.save('fs1', 'call-1', 0, doc, DAY)).to.deep.equal({ ok: true, version: 1, marked: [] });
      expect(await store.load('fs1', 'call-1')).to.deep.equal({ version: 1, doc, outbox: new Map() });
      expect(await store.save('fs1', 'call-1', 0, { phase: 'other' }, DAY)).to.deep.equal({
        ok: false,
        reason: 'conflict',
        version: 1,
      });
      expect(await store.save('fs1', 'call-1', 1, { phase: 'bridged' }, DAY)).to.deep.equal({
        ok: true,
        version: 2,
        marked: [],
      });
      expect(await store.save('fs1', 'call-1', 1, { phase: 'stale' }, DAY)).to.deep.equal({
        ok: false,
        reason: 'conflict',
        version: 2,
      });
      expect(await store.load('fs1', 'call-1')).to.deep.equal({ version: 2, doc: { phase: 'bridged' }, outbox: new Map() });
    });

    it('is a conflict to save over a version of a document that does not exist', async () => {
      expect(await store.save('fs1', 'call-1', 3, { phase: 'x' }, DAY)).to.deep.equal({
        ok: false,
        reason: 'conflict',
        version: 0,
      });
      expect(await store.load('fs1', 'call-1')).to.equal(null);
    });

    it('lets exactly one of many concurrent saves with the same expected version win', async () => {
      await store.save('fs1', 'call-1', 0, { writer: 'first' }, DAY);
      const clients = await Promise.all([1, 2, 3, 4].map(() => connectRedis(prefix)));
      try {
        const stores = clients.map((client) => createForwardDocStore(client, prefix));
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            stores[i % stores.length]!.save('fs1', 'call-1', 1, { writer: i }, DAY),
          ),
        );
        const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
        expect(winners).to.have.length(1);
        expect(results.filter((r) => !r.ok && r.version === 2)).to.have.length(39);
        expect(await store.load('fs1', 'call-1')).to.deep.equal({ version: 2, doc: { writer: winners[0] }, outbox: new Map() });
      } finally {
        await Promise.all(clients.map((client) => client.quit()));
      }
    });

    it('lets exactly one of many concurrent creates win', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.save('fs1', 'call-1', 0, { writer: i }, DAY)),
      );
      expect(results.filter((r) => r.ok)).to.have.length(1);
    });

    it('keeps the document in its node’s slot, for the ttl from its last save', async () => {
      await store.save('fs1', 'call-1', 0, { a: 1 }, 60_000);
      const key = `${prefix}:{node:fs1}:doc:call-1`;
      expect(await redis.pttl(key))
        .to.be.greaterThan(0)
        .and.at.most(60_000);
      await store.save('fs1', 'call-1', 1, { a: 2 }, DAY);
      expect(await redis.pttl(key)).to.be.greaterThan(60_000);
      expect(await store.load('fs2', 'call-1')).to.equal(null);
    });

    it('refuses what is not a document, a bad version or a bad ttl (a caller’s bug)', async () => {
      await expectRejected(store.save('fs1', 'call-1', 0, undefined, DAY), RangeError);
      await expectRejected(store.save('fs1', 'call-1', -1, {}, DAY), RangeError);
      await expectRejected(store.save('fs1', 'call-1', 0.5, {}, DAY), RangeError);
      await expectRejected(store.save('fs1', 'call-1', 0, {}, 0), RangeError);
      await expectRejected(store.save('fs1', 'call{1}', 0, {}, DAY), RangeError);
    });
  });

  describe('markOnce', () => {
    const LEASE = 5_000;
    const docKey = (node: string, call: string) => `${prefix}:{node:${node}}:doc:${call}`;
    beforeEach(async () => {
      for (const call of ['call-1', 'call-2', 'call-3', 'call-4', 'c1']) await store.save('fs1', call, 0, { phase: 'trying' }, DAY);
      await store.save('fs2', 'call-1', 0, { phase: 'trying' }, DAY);
    });

    it('is first for one run only, per effect id, forward and node; a run finds its own token again', async () => {
      expect(await store.markOnce('fs1', 'call-1', 'bridge:l0', 'run-a', 0, LEASE)).to.equal('first');
      expect(await store.markOnce('fs1', 'call-1', 'bridge:l0', 'run-b', 0, LEASE)).to.equal('held');
      // The same run's call sent again (its reply was lost) is still ours.
      expect(await store.markOnce('fs1', 'call-1', 'bridge:l0', 'run-a', 0, LEASE)).to.equal('first');
      expect(await store.markOnce('fs1', 'call-1', 'bridge:l1', 'run-b', 0, LEASE)).to.equal('first');
      expect(await store.markOnce('fs1', 'call-2', 'bridge:l0', 'run-b', 0, LEASE)).to.equal('first');
      expect(await store.markOnce('fs2', 'call-1', 'bridge:l0', 'run-b', 0, LEASE)).to.equal('first');
    });

    it('is part of the forward\'s document: the document still loads the same, and the marker goes when it expires', async () => {
      await store.save('fs1', 'short', 0, { phase: 'trying' }, 80);
      expect(await store.markOnce('fs1', 'short', 'originate:l0', 'run-a', 0, LEASE)).to.equal('first');
      expect(await store.load('fs1', 'short')).to.deep.equal({ version: 1, doc: { phase: 'trying' }, outbox: new Map() });
      expect(await redis.pttl(docKey('fs1', 'short'))).to.be.greaterThan(0).and.at.most(80);
      await sleep(120);
      expect(await redis.exists(docKey('fs1', 'short'))).to.equal(0);
      expect(await store.markState('fs1', 'short', 'originate:l0')).to.equal(null);
    });

    it('a marker for a forward without a document makes a hash that expires (never one that stays)', async () => {
      expect(await store.markOnce('fs1', 'no-doc', 'fallback:x', 'run-a', 30_000, LEASE)).to.equal('first');
      expect(await redis.pttl(docKey('fs1', 'no-doc'))).to.be.greaterThan(0);
    });

    it('tells a taken marker from one whose effect got through; done never creates one', async () => {
      expect(await store.markState('fs1', 'c1', 'fallback:c1')).to.equal(null);
      await store.markDone('fs1', 'c1', 'fallback:c1');
      expect(await store.markState('fs1', 'c1', 'fallback:c1')).to.equal(null);
      expect(await store.markOnce('fs1', 'c1', 'fallback:c1', 'run-a', 30_000, LEASE)).to.equal('first');
      expect(await store.markState('fs1', 'c1', 'fallback:c1')).to.equal('running');
      await store.markDone('fs1', 'c1', 'fallback:c1');
      expect(await store.markState('fs1', 'c1', 'fallback:c1')).to.equal('done');
      expect(await store.markOnce('fs1', 'c1', 'fallback:c1', 'run-b', 30_000, LEASE)).to.equal('done');
      expect(await store.markOnce('fs1', 'c1', 'fallback:c1', 'run-a', 30_000, LEASE)).to.equal('done');
    });

    it('a windowed marker is free again once its window is over', async () => {
      expect(await store.markOnce('fs1', 'c1', 'fallback:c1', 'run-a', 60, LEASE)).to.equal('first');
      await store.markDone('fs1', 'c1', 'fallback:c1');
      expect(await store.markOnce('fs1', 'c1', 'fallback:c1', 'run-b', 60, LEASE)).to.equal('done');
      await sleep(100);
      expect(await store.markState('fs1', 'c1', 'fallback:c1')).to.equal(null);
      expect(await store.markOnce('fs1', 'c1', 'fallback:c1', 'run-b', 60, LEASE)).to.equal('first');
    });

    it('can be taken with the save that adds its effect: the same marker as markOnce, only where there is none yet', async () => {
      await store.save('fs1', 'call-1', 0, { v: 1 }, DAY);
      expect(await store.markOnce('fs1', 'call-1', 'bridge:leg-0', 'other-run', 0, 60_000)).to.equal('first');
      const saved = await store.save('fs1', 'call-1', 1, { v: 2 }, DAY, {
        marks: [
          { effectId: 'originate:leg-1', token: 'run-a', windowMs: 0, leaseMs: 60_000 },
          { effectId: 'bridge:leg-0', token: 'run-a', windowMs: 0, leaseMs: 60_000 },
        ],
      });
      expect(saved).to.deep.equal({ ok: true, version: 2, marked: ['originate:leg-1'] });
      expect(await store.markOnce('fs1', 'call-1', 'originate:leg-1', 'run-a', 0, 60_000), 'its own token').to.equal('first');
      expect(await store.markOnce('fs1', 'call-1', 'originate:leg-1', 'run-b', 0, 60_000), 'another run').to.equal('held');
      expect(await store.markOnce('fs1', 'call-1', 'bridge:leg-0', 'run-a', 0, 60_000), 'the marker that was there stays its holder\'s').to.equal('held');
      const conflict = await store.save('fs1', 'call-1', 1, { v: 3 }, DAY, { marks: [{ effectId: 'cap:leg-1:1', token: 'run-a', windowMs: 0, leaseMs: 60_000 }] });
      expect(conflict.ok).to.equal(false);
      expect(await store.markState('fs1', 'call-1', 'cap:leg-1:1'), 'a failed compare-and-set takes no marker').to.equal(null);
    });

    it('is taken over once its holder\'s lease ran out (the holder died); the old holder can neither renew nor give it back', async () => {
      expect(await store.markOnce('fs1', 'call-2', 'originate:l0', 'dead', 0, 50)).to.equal('first');
      expect(await store.markOnce('fs1', 'call-2', 'originate:l0', 'next', 0, LEASE)).to.equal('held');
      await sleep(80);
      expect(await store.markOnce('fs1', 'call-2', 'originate:l0', 'next', 0, LEASE)).to.equal('taken_over');
      expect(await store.markOnce('fs1', 'call-2', 'originate:l0', 'third', 0, LEASE)).to.equal('held');
      expect(await store.renewMark('fs1', 'call-2', 'originate:l0', 'dead', LEASE)).to.equal(false);
      expect(await store.unmark('fs1', 'call-2', 'originate:l0', 'dead')).to.equal(false);
      expect(await store.markState('fs1', 'call-2', 'originate:l0')).to.equal('running');
      expect(await store.unmark('fs1', 'call-2', 'originate:l0', 'next')).to.equal(true);
      expect(await store.markState('fs1', 'call-2', 'originate:l0')).to.equal(null);
    });

    it('a renewed lease is not taken over', async () => {
      expect(await store.markOnce('fs1', 'call-3', 'bridge:l0', 'slow', 0, 100)).to.equal('first');
      for (let i = 0; i < 4; i++) {
        await sleep(50);
        expect(await store.renewMark('fs1', 'call-3', 'bridge:l0', 'slow', 100)).to.equal(true);
      }
      expect(await store.markOnce('fs1', 'call-3', 'bridge:l0', 'other', 0, LEASE)).to.equal('held');
      await store.markDone('fs1', 'call-3', 'bridge:l0');
      expect(await store.renewMark('fs1', 'call-3', 'bridge:l0', 'slow', 100)).to.equal(false);
    });

    it('is first for exactly one of many concurrent runs', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.markOnce('fs1', 'call-4', 'hangup-1', `run-${i}`, 0, LEASE)),
      );
      expect(results.filter((r) => r === 'first')).to.have.length(1);
      expect(results.filter((r) => r === 'held')).to.have.length(19);
    });

    it('refuses a bad window, lease, token or effect id', async () => {
      await expectRejected(store.markOnce('fs1', 'c1', 'e1', 'run-a', -1, LEASE), RangeError);
      await expectRejected(store.markOnce('fs1', 'c1', 'e1', 'run-a', 0, 0), RangeError);
      await expectRejected(store.markOnce('fs1', 'c1', 'e1', 'run:a', 0, LEASE), RangeError);
      await expectRejected(store.markOnce('fs1', 'c1', 'e1', '', 0, LEASE), RangeError);
      await expectRejected(store.markOnce('fs1', 'c1', 'e 1', 'run-a', 0, LEASE), RangeError);
    });
  });

  describe('listLive', () => {
    it('lists the forwards saved live, soonest expiry first, up to the limit', async () => {
      await store.save('fs1', 'call-a', 0, {}, 3 * DAY);
      await store.save('fs1', 'call-b', 0, {}, DAY);
      await store.save('fs1', 'call-c', 0, {}, 2 * DAY);
      await store.save('fs2', 'call-d', 0, {}, DAY);
      const live = await store.listLive('fs1', 2);
      expect(live.map((f) => f.callUuid)).to.deep.equal(['call-b', 'call-c']);
      expect(live[0]!.expiresAt).to.be.closeTo(Date.now() + DAY, 60_000);
      expect((await store.listLive('fs1', 10)).map((f) => f.callUuid)).to.deep.equal([
        'call-b',
        'call-c',
        'call-a',
      ]);
    });

    it('drops a forward saved as ended, and keeps its document', async () => {
      await store.save('fs1', 'call-a', 0, { phase: 'routing' }, DAY);
      await store.save('fs1', 'call-a', 1, { phase: 'ended' }, DAY, { ended: true });
      expect(await store.listLive('fs1', 10)).to.deep.equal([]);
      expect(await store.load('fs1', 'call-a')).to.deep.equal({ version: 2, doc: { phase: 'ended' }, outbox: new Map() });
    });

    it('keeps an ended forward live while its outbox holds effects, and drops it when they are cleared', async () => {
      await store.save('fs1', 'call-a', 0, { phase: 'ended' }, DAY, { ended: true, outbox: [{ id: 'charge:l1', effect: { kind: 'charge' } }] });
      expect((await store.listLive('fs1', 10)).map((f) => f.callUuid)).to.deep.equal(['call-a']);
      // Its markers do not count as effects left to run.
      expect(await store.markOnce('fs1', 'call-a', 'bridge:l1', 'run-a', 0, 5_000)).to.equal('first');
      expect(await store.clearOutbox('fs1', 'call-a', ['charge:l1'])).to.equal(1);
      expect(await store.listLive('fs1', 10)).to.deep.equal([]);
    });

    it('keeps an ended forward with nothing left to run only for the ended ttl (redis memory per forward stays bounded)', async () => {
      const short = createForwardDocStore(redis, prefix, { endedTtlMs: 5_000 });
      const key = `${prefix}:{node:fs1}:doc:call-e`;
      await short.save('fs1', 'call-e', 0, { phase: 'trying' }, DAY, { outbox: [{ id: 'post:l1', effect: { kind: 'post' } }] });
      await short.save('fs1', 'call-e', 1, { phase: 'done' }, DAY, { ended: true });
      // Still an effect to run: kept as long as a live one.
      expect(await redis.pttl(key)).to.be.greaterThan(DAY - 60_000);
      await short.clearOutbox('fs1', 'call-e', ['post:l1']);
      expect(await redis.pttl(key)).to.be.greaterThan(0).and.at.most(5_000);
      // Ended with an empty outbox from the start: the short ttl at once; the default is 5 minutes.
      await store.save('fs1', 'call-f', 0, { phase: 'done' }, DAY, { ended: true });
      expect(await redis.pttl(`${prefix}:{node:fs1}:doc:call-f`)).to.be.greaterThan(4 * 60_000).and.at.most(5 * 60_000);
    });
    it('drops a forward whose document expired', async () => {
      await store.save('fs1', 'short', 0, {}, 30);
      await store.save('fs1', 'long', 0, {}, DAY);
      await sleep(60);
      expect((await store.listLive('fs1', 10)).map((f) => f.callUuid)).to.deep.equal(['long']);
      expect(await store.load('fs1', 'short')).to.equal(null);
    });

    it('refuses a bad limit', async () => {
      await expectRejected(store.listLive('fs1', 0), RangeError);
    });
  });

  describe('outbox', () => {
    it('adds entries with the version that made them, and clears only the ones named', async () => {
      await store.save('fs1', 'call-1', 0, { s: 1 }, DAY, { outbox: [{ id: 'a', effect: { kind: 'a' } }, { id: 'b', effect: { kind: 'b' } }] });
      await store.save('fs1', 'call-1', 1, { s: 2 }, DAY, { outbox: [{ id: 'c', effect: { kind: 'c' } }] });
      expect((await store.load('fs1', 'call-1'))?.outbox).to.deep.equal(new Map([['a', { kind: 'a' }], ['b', { kind: 'b' }], ['c', { kind: 'c' }]]));
      expect(await store.clearOutbox('fs1', 'call-1', ['a', 'c', 'never-there'])).to.equal(2);
      const loaded = await store.load('fs1', 'call-1');
      expect(loaded?.version).to.equal(2);
      expect(loaded?.doc).to.deep.equal({ s: 2 });
      expect(loaded?.outbox).to.deep.equal(new Map([['b', { kind: 'b' }]]));
      expect((await store.listLive('fs1', 10)).map((f) => f.callUuid)).to.deep.equal(['call-1']);
    });

    it('adds nothing when the compare-and-set fails', async () => {
      await store.save('fs1', 'call-1', 0, { s: 1 }, DAY);
      const result = await store.save('fs1', 'call-1', 0, { s: 9 }, DAY, { outbox: [{ id: 'x', effect: {} }] });
      expect(result).to.deep.equal({ ok: false, reason: 'conflict', version: 1 });
      expect((await store.load('fs1', 'call-1'))?.outbox.size).to.equal(0);
    });

    it('clearing a forward that is not there creates nothing', async () => {
      expect(await store.clearOutbox('fs1', 'nobody', ['a'])).to.equal(0);
      expect(await store.load('fs1', 'nobody')).to.equal(null);
      expect(await redis.exists(`${prefix}:{node:fs1}:doc:nobody`)).to.equal(0);
    });

  });

  describe('timers', () => {
    const job = (timer: string) => ({ v: 2, node: 'fs1', callUuid: 'call-1', event: { kind: 'timer', timer, legUuid: null, slice: 0 } });
    const past = () => Date.now() - 1000;
    const later = () => Date.now() + 60_000;

    it('are written with the state, are claimed once due (never before), and go once acknowledged', async () => {
      await store.save('fs1', 'call-1', 0, { v: 1 }, DAY, {
        timers: [
          { id: 'fwd-due', at: past(), job: job('deadline') },
          { id: 'fwd-later', at: later(), job: job('ring_timeout') },
        ],
      });
      expect(await store.countTimers('fs1')).to.equal(2);
      const claimed = await store.claimDueTimers('fs1', 10, 30_000);
      expect(claimed.timers).to.deep.equal([{ id: 'fwd-due', job: job('deadline') }]);
      expect(claimed.lease).to.be.within(Date.now() + 25_000, Date.now() + 35_000);
      expect((await store.claimDueTimers('fs1', 10, 30_000)).timers, 'claimed: not due again while the claim lasts').to.deep.equal([]);
      expect(await store.ackTimers('fs1', claimed.lease, ['fwd-due'])).to.equal(1);
      expect(await store.countTimers('fs1')).to.equal(1);
    });

    it('a claim never acknowledged (its pump died) lapses: the timer comes due again, and the old claim acknowledges nothing', async () => {
      await store.save('fs1', 'call-1', 0, { v: 1 }, DAY, { timers: [{ id: 'fwd-due', at: past(), job: job('deadline') }] });
      const first = await store.claimDueTimers('fs1', 10, 50);
      expect(first.timers).to.have.length(1);
      await sleep(120);
      const second = await store.claimDueTimers('fs1', 10, 30_000);
      expect(second.timers.map((t) => t.id)).to.deep.equal(['fwd-due']);
      expect(await store.ackTimers('fs1', first.lease, ['fwd-due']), 'the lapsed claim is not the current one').to.equal(0);
      expect(await store.countTimers('fs1')).to.equal(1);
      expect(await store.ackTimers('fs1', second.lease, ['fwd-due'])).to.equal(1);
      expect(await store.countTimers('fs1')).to.equal(0);
    });

    it('scheduling an id twice keeps one timer, due at its first time', async () => {
      await store.save('fs1', 'call-1', 0, { v: 1 }, DAY, { timers: [{ id: 'fwd-t', at: later(), job: job('deadline') }] });
      await store.addTimers('fs1', [{ id: 'fwd-t', at: past(), job: job('legs_gone') }]);
      expect(await store.countTimers('fs1')).to.equal(1);
      expect((await store.claimDueTimers('fs1', 10, 30_000)).timers, 'still due later').to.deep.equal([]);
    });

    it('a save that ends the forward drops the timers it names, claimed or not; a failed compare-and-set schedules nothing', async () => {
      await store.save('fs1', 'call-1', 0, { v: 1 }, DAY, {
        timers: [
          { id: 'fwd-a', at: past(), job: job('deadline') },
          { id: 'fwd-b', at: later(), job: job('ring_timeout') },
        ],
      });
      await store.claimDueTimers('fs1', 10, 30_000);
      expect(await store.save('fs1', 'call-1', 0, { v: 2 }, DAY, { timers: [{ id: 'fwd-c', at: past(), job: job('legs_gone') }] })).to.include({ ok: false });
      expect(await store.countTimers('fs1')).to.equal(2);
      expect(await store.save('fs1', 'call-1', 1, { v: 2 }, DAY, { ended: true, dropTimers: ['fwd-a', 'fwd-b'] })).to.include({ ok: true });
      expect(await store.countTimers('fs1')).to.equal(0);
      expect(await redis.exists(`${prefix}:{node:fs1}:timer-jobs`), 'their jobs went too').to.equal(0);
    });

    it('claims at most the limit, soonest first, and keeps each node apart', async () => {
      const now = Date.now();
      await store.addTimers('fs1', [3, 1, 2].map((n) => ({ id: `fwd-${n}`, at: now - 10_000 + n, job: job('deadline') })));
      await store.addTimers('fs2', [{ id: 'fwd-x', at: past(), job: job('deadline') }]);
      expect((await store.claimDueTimers('fs1', 2, 30_000)).timers.map((t) => t.id)).to.deep.equal(['fwd-1', 'fwd-2']);
      expect((await store.claimDueTimers('fs1', 2, 30_000)).timers.map((t) => t.id)).to.deep.equal(['fwd-3']);
      expect((await store.claimDueTimers('fs2', 5, 30_000)).timers.map((t) => t.id)).to.deep.equal(['fwd-x']);
    });

    it('refuses an id that is not a job id, a due time that is not whole ms, and a bad limit or lease', async () => {
      await expectRejected(store.addTimers('fs1', [{ id: 'a:b', at: 1, job: {} }]), RangeError);
      await expectRejected(store.addTimers('fs1', [{ id: '123', at: 1, job: {} }]), RangeError);
      await expectRejected(store.addTimers('fs1', [{ id: 'ok', at: 1.5, job: {} }]), RangeError);
      await expectRejected(store.save('fs1', 'call-1', 0, {}, DAY, { dropTimers: ['bad id'] }), RangeError);
      await expectRejected(store.claimDueTimers('fs1', 0, 1000), RangeError);
      await expectRejected(store.claimDueTimers('fs1', 1, 0), RangeError);
      expect(await store.countTimers('fs1')).to.equal(0);
      expect(await store.load('fs1', 'call-1')).to.equal(null);
    });
  });
});

async function expectRejected(
  promise: Promise<unknown>,
  type: new (...args: never[]) => Error,
): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(type);
    return;
  }
  expect.fail('expected a rejection');
}
