import { expect } from 'chai';
import type { Cluster, Redis } from 'ioredis';
import { createJobStateStore } from '../../src/job-state/create-job-state-store.js';
import type { JobStateStore } from '../../src/job-state/create-job-state-store.js';
import { connectRedis, deleteKeys, randomPrefix, redisUrl } from '../support/redis.js';

const LEASE = 60_000;

describe('createJobStateStore', () => {
  before(() => {
    redisUrl(); // fails the suite with a clear message when REDIS_URL is missing
  });

  let prefix: string;
  let redis: Redis | Cluster;
  let store: JobStateStore;

  beforeEach(async () => {
    prefix = randomPrefix();
    redis = await connectRedis(prefix);
    store = createJobStateStore(redis, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  describe('claim', () => {
    it('creates the state on the first claim', async () => {
      const result = await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      expect(result.ok).to.equal(true);
      if (!result.ok) return;
      expect(result.resumed).to.equal(false);
      expect(result.state).to.include({
        node: 'fs1',
        callUuid: 'call-1',
        step: 'claimed',
        owner: 'worker-a',
        claims: 1,
      });
      expect(result.state.leaseUntil).to.be.greaterThan(result.state.createdAt);
      expect(result.state.fields).to.deep.equal({});
    });

    it('refuses a second owner while the lease holds', async () => {
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      expect(await store.claim('fs1', 'call-1', 'worker-b', LEASE)).to.deep.equal({
        ok: false,
        reason: 'held_by_other',
      });
    });

    it('resumes with the existing state once the previous lease expired', async () => {
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      await store.advance('fs1', 'call-1', 'worker-a', 'claimed', 'reserved', {
        legUuid: 'leg-1',
        attempt: '0',
      });
      await store.renewLease('fs1', 'call-1', 'worker-a', 0); // worker-a dies: its lease is over
      const result = await store.claim('fs1', 'call-1', 'worker-b', LEASE);
      expect(result.ok).to.equal(true);
      if (!result.ok) return;
      expect(result.resumed).to.equal(true);
      expect(result.state).to.include({ step: 'reserved', owner: 'worker-b', claims: 2 });
      expect(result.state.fields).to.deep.equal({ legUuid: 'leg-1', attempt: '0' });
    });

    it('lets the same owner claim again (a redelivered job) without counting a new owner', async () => {
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      const again = await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      expect(again.ok && again.resumed && again.state.claims).to.equal(1);
    });

    it('never claims a finished forward again', async () => {
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      await store.advance('fs1', 'call-1', 'worker-a', 'claimed', 'done');
      await store.renewLease('fs1', 'call-1', 'worker-a', 0);
      expect(await store.claim('fs1', 'call-1', 'worker-b', LEASE)).to.deep.equal({
        ok: false,
        reason: 'done',
      });
      expect(await store.claim('fs1', 'call-1', 'worker-a', LEASE)).to.deep.equal({
        ok: false,
        reason: 'done',
      });
    });

    it('gives one forward to exactly one of many concurrent claimers', async () => {
      const clients = await Promise.all([1, 2, 3, 4].map(() => connectRedis(prefix)));
      try {
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            createJobStateStore(clients[i % 4]!, prefix).claim('fs1', 'call-1', `w-${i}`, LEASE),
          ),
        );
        expect(results.filter((r) => r.ok)).to.have.length(1);
      } finally {
        await Promise.all(clients.map((client) => client.quit()));
      }
    });

    it('keeps the state for at least 24 hours', async () => {
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      const ttl = await redis.pttl(`${prefix}:{node:fs1}:fwd:call-1`);
      expect(ttl).to.be.greaterThan(23 * 60 * 60 * 1000);
    });
  });

  describe('advance', () => {
    beforeEach(async () => {
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
    });

    it('moves from the expected step and writes the patch', async () => {
      const result = await store.advance('fs1', 'call-1', 'worker-a', 'claimed', 'reserved', {
        account: 'acme',
        reserveAmount: '500',
      });
      expect(result.ok && result.state.step).to.equal('reserved');
      expect(await store.get('fs1', 'call-1')).to.deep.include({
        step: 'reserved',
        fields: { account: 'acme', reserveAmount: '500' },
      });
    });

    it('refuses a step other than the expected one and says where the forward is', async () => {
      expect(await store.advance('fs1', 'call-1', 'worker-a', 'reserved', 'originating')).to.deep.equal({
        ok: false,
        reason: 'wrong_step',
        step: 'claimed',
      });
      expect((await store.get('fs1', 'call-1'))?.step).to.equal('claimed');
    });

    it('refuses anyone but the lease owner', async () => {
      expect(await store.advance('fs1', 'call-1', 'worker-b', 'claimed', 'reserved')).to.deep.equal({
        ok: false,
        reason: 'not_owner',
        step: 'claimed',
      });
    });

    it('refuses the owner once its lease is over', async () => {
      await store.renewLease('fs1', 'call-1', 'worker-a', 0);
      expect(await store.advance('fs1', 'call-1', 'worker-a', 'claimed', 'reserved')).to.deep.equal({
        ok: false,
        reason: 'lease_expired',
        step: 'claimed',
      });
    });

    it('refuses the old owner after another worker took over', async () => {
      await store.renewLease('fs1', 'call-1', 'worker-a', 0);
      await store.claim('fs1', 'call-1', 'worker-b', LEASE);
      const stale = await store.advance('fs1', 'call-1', 'worker-a', 'claimed', 'reserved');
      expect(stale).to.deep.equal({ ok: false, reason: 'not_owner', step: 'claimed' });
      expect((await store.advance('fs1', 'call-1', 'worker-b', 'claimed', 'reserved')).ok).to.equal(true);
    });

    it('reports a forward that does not exist', async () => {
      expect(await store.advance('fs1', 'call-x', 'worker-a', 'claimed', 'reserved')).to.deep.equal({
        ok: false,
        reason: 'not_found',
      });
    });

    it('refuses a patch that would overwrite the store’s own fields', async () => {
      let error: unknown;
      try {
        await store.advance('fs1', 'call-1', 'worker-a', 'claimed', 'reserved', { owner: 'me' });
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(RangeError);
      expect((await store.get('fs1', 'call-1'))?.owner).to.equal('worker-a');
    });
  });

  describe('renewLease', () => {
    it('extends the owner’s lease', async () => {
      const claimed = await store.claim('fs1', 'call-1', 'worker-a', 1_000);
      const renewed = await store.renewLease('fs1', 'call-1', 'worker-a', LEASE);
      expect(renewed.ok).to.equal(true);
      if (!renewed.ok || !claimed.ok) return;
      expect(renewed.leaseUntil).to.be.greaterThan(claimed.state.leaseUntil);
      expect((await store.get('fs1', 'call-1'))?.leaseUntil).to.equal(renewed.leaseUntil);
    });

    it('refuses another owner, a missing forward and a finished one', async () => {
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      expect(await store.renewLease('fs1', 'call-1', 'worker-b', LEASE)).to.deep.equal({
        ok: false,
        reason: 'not_owner',
      });
      expect(await store.renewLease('fs1', 'call-x', 'worker-a', LEASE)).to.deep.equal({
        ok: false,
        reason: 'not_found',
      });
      await store.advance('fs1', 'call-1', 'worker-a', 'claimed', 'done');
      expect(await store.renewLease('fs1', 'call-1', 'worker-a', LEASE)).to.deep.equal({
        ok: false,
        reason: 'done',
      });
    });
  });

  describe('markSettled', () => {
    it('settles from any step once, without a lease', async () => {
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      await store.advance('fs1', 'call-1', 'worker-a', 'claimed', 'bridged');
      const first = await store.markSettled('fs1', 'call-1', { charged: '120' });
      expect(first.ok && first.alreadySettled).to.equal(false);
      expect(first.ok && first.state.step).to.equal('settled');
      const second = await store.markSettled('fs1', 'call-1', { charged: '999' });
      expect(second.ok && second.alreadySettled).to.equal(true);
      expect((await store.get('fs1', 'call-1'))?.fields).to.deep.equal({ charged: '120' });
      expect(await store.claim('fs1', 'call-1', 'worker-b', LEASE)).to.deep.equal({
        ok: false,
        reason: 'done',
      });
    });

    it('reports a forward that does not exist', async () => {
      expect(await store.markSettled('fs1', 'call-x')).to.deep.equal({ ok: false, reason: 'not_found' });
    });
  });

  describe('legs and the loop guard', () => {
    it('maps a forwarded leg to its inbound call, once', async () => {
      expect(await store.markForwardLeg('fs1', 'leg-1', 'call-1')).to.equal(true);
      expect(await store.markForwardLeg('fs1', 'leg-1', 'call-2')).to.equal(false);
      expect(await store.findByLeg('fs1', 'leg-1')).to.equal('call-1');
      expect(await store.findByLeg('fs1', 'leg-2')).to.equal(null);
      expect(await store.findByLeg('fs2', 'leg-1')).to.equal(null);
    });

    it('says a call is forwarded once it has a forward or is itself a forwarded leg', async () => {
      expect(await store.isForwarded('fs1', 'call-1')).to.equal(false);
      await store.claim('fs1', 'call-1', 'worker-a', LEASE);
      await store.markForwardLeg('fs1', 'leg-1', 'call-1');
      expect(await store.isForwarded('fs1', 'call-1')).to.equal(true);
      expect(await store.isForwarded('fs1', 'leg-1')).to.equal(true);
      expect(await store.isForwarded('fs2', 'call-1')).to.equal(false);
    });
  });

  describe('get', () => {
    it('returns null for an unknown forward', async () => {
      expect(await store.get('fs1', 'call-x')).to.equal(null);
    });
  });

  describe('bridged legs', () => {
    it('lists the bridged legs of a node oldest first until each is removed', async () => {
      await store.addBridgedLeg('fs1', { callUuid: 'call-2', legUuid: 'leg-2', answeredAt: 2_000 });
      await store.addBridgedLeg('fs1', { callUuid: 'call-1', legUuid: 'leg-1', answeredAt: 1_000 });
      await store.addBridgedLeg('fs2', { callUuid: 'call-3', legUuid: 'leg-3', answeredAt: 500 });
      expect(await store.listBridgedLegs('fs1', 10)).to.deep.equal([
        { callUuid: 'call-1', legUuid: 'leg-1', answeredAt: 1_000 },
        { callUuid: 'call-2', legUuid: 'leg-2', answeredAt: 2_000 },
      ]);
      expect(await store.listBridgedLegs('fs1', 1)).to.have.length(1);
      await store.removeBridgedLeg('fs1', 'call-1', 'leg-1');
      expect(await store.listBridgedLegs('fs1', 10)).to.deep.equal([{ callUuid: 'call-2', legUuid: 'leg-2', answeredAt: 2_000 }]);
      expect(await store.listBridgedLegs('fs2', 10)).to.have.length(1);
    });

    it('refuses an id that would break the member format', async () => {
      const failure = await store.addBridgedLeg('fs1', { callUuid: 'a/b', legUuid: 'leg', answeredAt: 1 }).catch((err: unknown) => err);
      expect(failure).to.be.instanceOf(RangeError);
    });
  });
});
