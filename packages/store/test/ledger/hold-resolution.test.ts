import { expect } from 'chai';
import { createLedger } from '../../src/ledger/create-ledger.js';
import { clock, request, T } from '../support/holds.js';
import { connectRedis, useFreshLedger } from '../support/redis.js';

describe('createLedger two-phase holds: postHold, voidHold', () => {
  const t = useFreshLedger({ clock });

  describe('postHold', () => {
    it('debits the cost, returns the rest of the hold and logs the debit', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(300));
      const result = await t.ledger.postHold('acme', 'h1', 120, {
        now: T,
        at: T + 5,
        meta: { callUuid: 'call-1' },
      });
      expect(result).to.deep.equal({
        ok: true,
        charged: 120,
        balance: 880,
        held: 300,
        alreadyPosted: false,
        conflict: false,
        withoutHold: false,
      });
      expect(await t.ledger.getBalance('acme', T)).to.deep.equal({
        balance: 880,
        reserved: 0,
        available: 880,
      });
      expect(await t.ledger.listHolds('acme', T)).to.deep.equal([]);
      expect(await t.ledger.listDebits('acme', 10)).to.deep.equal([
        { leg: 'h1', amount: 120, cost: 120, held: 300, at: T + 5, meta: { callUuid: 'call-1' } },
      ]);
      expect(await t.ledger.stats('acme')).to.deep.equal({
        conflicts: 0,
        posts: 1,
        expired: 0,
        postWithoutHold: 0,
      });
    });

    it('charges once when posted twice, and returns the first result', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(300));
      const first = await t.ledger.postHold('acme', 'h1', 120, { now: T });
      await t.ledger.topup('acme', 500, 'later');
      const again = await t.ledger.postHold('acme', 'h1', 999, { now: T });
      expect(again).to.deep.equal({ ...first, alreadyPosted: true });
      expect((await t.ledger.getBalance('acme', T)).balance).to.equal(1_380);
      expect(await t.ledger.listDebits('acme', 10)).to.have.length(1);
      expect((await t.ledger.stats('acme')).posts).to.equal(1);
    });

    it('charges once when the same hold is posted concurrently from several connections', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(300));
      const clients = await Promise.all([1, 2, 3].map(() => connectRedis(t.prefix)));
      try {
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            createLedger(clients[i % 3]!, t.prefix, { clock }).postHold('acme', 'h1', 250, { now: T }),
          ),
        );
        expect(results.filter((r) => !r.alreadyPosted)).to.have.length(1);
        expect(results.every((r) => r.charged === 250)).to.equal(true);
        expect(await t.ledger.getBalance('acme', T)).to.deep.equal({
          balance: 750,
          reserved: 0,
          available: 750,
        });
      } finally {
        await Promise.all(clients.map((client) => client.quit()));
      }
    });

    it('debits a cost beyond the hold in full, as far as the balance goes, and counts a conflict', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(100));
      expect(await t.ledger.postHold('acme', 'h1', 400, { now: T })).to.include({
        charged: 400,
        balance: 600,
        conflict: true,
      });
      await t.ledger.hold('acme', 'h2', request(100));
      expect(await t.ledger.postHold('acme', 'h2', 5_000, { now: T })).to.include({
        charged: 600,
        balance: 0,
        conflict: true,
      });
      expect(await t.ledger.getBalance('acme', T)).to.deep.equal({ balance: 0, reserved: 0, available: 0 });
      expect((await t.ledger.stats('acme')).conflicts).to.equal(2);
    });

    it('charges a zero cost as nothing, without a conflict, and returns the whole hold', async () => {
      await t.ledger.ensureAccount('acme', 100);
      await t.ledger.hold('acme', 'h1', request(80));
      expect(await t.ledger.postHold('acme', 'h1', 0, { now: T })).to.deep.equal({
        ok: true,
        charged: 0,
        balance: 100,
        held: 80,
        alreadyPosted: false,
        conflict: false,
        withoutHold: false,
      });
      expect(await t.ledger.getBalance('acme', T)).to.deep.equal({ balance: 100, reserved: 0, available: 100 });
      expect((await t.ledger.stats('acme')).conflicts).to.equal(0);
    });

    it('charges a call whose hold expired, and counts it as a post without hold', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(300, 300, T + 1_000));
      const result = await t.ledger.postHold('acme', 'h1', 250, { now: T + 1_000 });
      expect(result).to.deep.equal({
        ok: true,
        charged: 250,
        balance: 750,
        held: 0,
        alreadyPosted: false,
        conflict: false,
        withoutHold: true,
      });
      expect(await t.ledger.getBalance('acme', T + 1_000)).to.deep.equal({
        balance: 750,
        reserved: 0,
        available: 750,
      });
      expect(await t.ledger.stats('acme')).to.include({ expired: 1, postWithoutHold: 1, posts: 1 });
      expect((await t.ledger.postHold('acme', 'h1', 250, { now: T + 2_000 })).alreadyPosted).to.equal(true);
    });

    it('charges a hold that never existed, and counts it', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      expect(await t.ledger.postHold('acme', 'ghost', 70, { now: T })).to.include({
        charged: 70,
        withoutHold: true,
      });
      expect(await t.ledger.stats('acme')).to.include({ postWithoutHold: 1 });
    });

    it('after a void, charges the call without a hold; a void after that finds it posted', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(300));
      expect(await t.ledger.voidHold('acme', 'h1', T)).to.deep.equal({
        ok: true,
        released: 300,
        alreadyResolved: false,
        resolution: 'voided',
      });
      expect(await t.ledger.postHold('acme', 'h1', 120, { now: T })).to.include({
        charged: 120,
        held: 0,
        withoutHold: true,
        alreadyPosted: false,
      });
      expect(await t.ledger.voidHold('acme', 'h1', T)).to.deep.equal({
        ok: true,
        released: 0,
        alreadyResolved: true,
        resolution: 'posted',
      });
      expect(await t.ledger.getBalance('acme', T)).to.deep.equal({
        balance: 880,
        reserved: 0,
        available: 880,
      });
    });
  });

  describe('voidHold', () => {
    it('releases the hold once', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(300));
      expect((await t.ledger.voidHold('acme', 'h1', T)).released).to.equal(300);
      expect(await t.ledger.voidHold('acme', 'h1', T)).to.deep.equal({
        ok: true,
        released: 0,
        alreadyResolved: true,
        resolution: 'voided',
      });
      expect(await t.ledger.getBalance('acme', T)).to.deep.equal({
        balance: 1_000,
        reserved: 0,
        available: 1_000,
      });
      expect(await t.ledger.listDebits('acme', 10)).to.deep.equal([]);
    });

    it('leaves a posted hold posted and an expired one expired', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'posted', request(300));
      await t.ledger.postHold('acme', 'posted', 100, { now: T });
      await t.ledger.hold('acme', 'expired', request(300, 300, T + 10));
      expect(await t.ledger.voidHold('acme', 'posted', T + 10)).to.include({
        released: 0,
        resolution: 'posted',
      });
      expect(await t.ledger.voidHold('acme', 'expired', T + 10)).to.include({
        released: 0,
        resolution: 'expired',
      });
      expect(await t.ledger.getBalance('acme', T + 10)).to.deep.equal({
        balance: 900,
        reserved: 0,
        available: 900,
      });
    });

    it('records the void of an unknown id, so a late hold with it is refused', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      expect(await t.ledger.voidHold('acme', 'late', T)).to.deep.equal({
        ok: true,
        released: 0,
        alreadyResolved: false,
        resolution: 'voided',
      });
      expect(await t.ledger.hold('acme', 'late', request(100))).to.deep.equal({
        ok: false,
        reason: 'resolved',
      });
    });
  });
});
