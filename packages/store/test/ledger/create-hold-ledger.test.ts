import { expect } from 'chai';
import { createLedger } from '../../src/ledger/create-ledger.js';
import { clock, expectRejected, MINUTE, request, T } from '../support/holds.js';
import { connectRedis, useFreshLedger } from '../support/redis.js';

describe('createLedger two-phase holds: hold, extendHold, listHolds', () => {
  const t = useFreshLedger({ clock });

  describe('hold', () => {
    it('holds the amount when the available credit covers it', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      expect(await t.ledger.hold('acme', 'h1', request(600))).to.deep.equal({
        ok: true,
        held: 600,
        idempotent: false,
      });
      expect(await t.ledger.getBalance('acme', T)).to.deep.equal({
        balance: 1_000,
        reserved: 600,
        available: 400,
      });
      expect(await t.ledger.listHolds('acme', T)).to.deep.equal([
        { holdId: 'h1', amount: 600, expiresAt: T + MINUTE, slices: 1, lastSlice: 0 },
      ]);
    });

    it('grants what is available down to the minimum, and refuses below it saying what is available', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(700));
      expect(await t.ledger.hold('acme', 'h2', request(500, 250))).to.deep.equal({
        ok: true,
        held: 300,
        idempotent: false,
      });
      await t.ledger.voidHold('acme', 'h2', T);
      expect(await t.ledger.hold('acme', 'h3', request(500, 301))).to.deep.equal({
        ok: false,
        reason: 'insufficient_credit',
        available: 300,
      });
      expect((await t.ledger.getBalance('acme', T)).reserved).to.equal(700);
    });

    it('is the same transfer for the same id: the first grant, never a second hold', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(300));
      await t.ledger.extendHold('acme', 'h1', {
        slice: 1,
        amount: 100,
        minAmount: 100,
        expiresAt: T + 2 * MINUTE,
        now: T,
      });
      expect(await t.ledger.hold('acme', 'h1', request(900))).to.deep.equal({
        ok: true,
        held: 300,
        idempotent: true,
      });
      expect((await t.ledger.getBalance('acme', T)).reserved).to.equal(400);
    });

    it('refuses an id that was posted, voided or expired', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'posted', request(100));
      await t.ledger.postHold('acme', 'posted', 50, { now: T });
      await t.ledger.hold('acme', 'voided', request(100));
      await t.ledger.voidHold('acme', 'voided', T);
      await t.ledger.hold('acme', 'expired', request(100, 100, T + 10));
      for (const id of ['posted', 'voided', 'expired']) {
        expect(await t.ledger.hold('acme', id, request(100, 100, T + MINUTE, T + 10))).to.deep.equal({
          ok: false,
          reason: 'resolved',
        });
      }
      expect(await t.ledger.getBalance('acme', T + 10)).to.deep.equal({
        balance: 950,
        reserved: 0,
        available: 950,
      });
    });

    it('refuses a hold whose expiry is not after now, and holds nothing', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      expect(await t.ledger.hold('acme', 'stale', request(100, 100, T))).to.deep.equal({
        ok: false,
        reason: 'resolved',
      });
      expect((await t.ledger.getBalance('acme', T)).reserved).to.equal(0);
      expect((await t.ledger.stats('acme')).expired).to.equal(0);
    });

    it('refuses anything on an account that does not exist', async () => {
      expect(await t.ledger.hold('nobody', 'h1', request(1))).to.deep.equal({
        ok: false,
        reason: 'insufficient_credit',
        available: 0,
      });
    });

    it('refuses bad amounts, times and ids (a caller’s bug)', async () => {
      await expectRejected(t.ledger.hold('acme', 'h1', request(10.5)), RangeError);
      await expectRejected(t.ledger.hold('acme', 'h1', request(0, 0)), RangeError);
      await expectRejected(t.ledger.hold('acme', 'h1', request(10, 0)), RangeError);
      await expectRejected(t.ledger.hold('acme', 'h1', request(10, 11)), RangeError);
      await expectRejected(t.ledger.hold('acme', 'h1', request(10, 10, 1.5)), RangeError);
      await expectRejected(t.ledger.hold('acme', 'h1', request(10, 10, T + MINUTE, -1)), RangeError);
      await expectRejected(t.ledger.hold('acme', '', request(10)), RangeError);
    });

    it('lets exactly as many concurrent all-or-nothing holds through as the balance pays for', async () => {
      await t.ledger.ensureAccount('acme', 20 * 50);
      const clients = await Promise.all([1, 2, 3, 4, 5].map(() => connectRedis(t.prefix)));
      try {
        const ledgers = clients.map((client) => createLedger(client, t.prefix, { clock }));
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => ledgers[i % ledgers.length]!.hold('acme', `h${i}`, request(50))),
        );
        expect(results.filter((r) => r.ok)).to.have.length(20);
        expect(results.filter((r) => !r.ok && r.reason === 'insufficient_credit')).to.have.length(180);
        expect(await t.ledger.getBalance('acme', T)).to.deep.equal({
          balance: 1_000,
          reserved: 1_000,
          available: 0,
        });
      } finally {
        await Promise.all(clients.map((client) => client.quit()));
      }
    });

    it('never holds more than the balance under many concurrent holds from several connections', async () => {
      await t.ledger.ensureAccount('acme', 20 * 50 + 30);
      const clients = await Promise.all([1, 2, 3, 4, 5].map(() => connectRedis(t.prefix)));
      try {
        const ledgers = clients.map((client) => createLedger(client, t.prefix, { clock }));
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            ledgers[i % ledgers.length]!.hold('acme', `h${i}`, request(50, 20)),
          ),
        );
        const granted = results.flatMap((r) => (r.ok ? [r.held] : []));
        expect(granted.filter((held) => held === 50)).to.have.length(20);
        expect(granted.filter((held) => held !== 50)).to.deep.equal([30]);
        expect(results.filter((r) => !r.ok && r.reason === 'insufficient_credit')).to.have.length(179);
        expect(await t.ledger.getBalance('acme', T)).to.deep.equal({
          balance: 1_030,
          reserved: 1_030,
          available: 0,
        });
        expect(await t.ledger.listHolds('acme', T)).to.have.length(21);
      } finally {
        await Promise.all(clients.map((client) => client.quit()));
      }
    });
  });

  describe('extendHold', () => {
    it('adds a slice and moves the expiry, so the hold outlives its first expiry', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(300, 300, T + 1_000));
      expect(
        await t.ledger.extendHold('acme', 'h1', {
          slice: 1,
          amount: 200,
          minAmount: 200,
          expiresAt: T + 2_000,
          now: T + 900,
        }),
      ).to.deep.equal({ ok: true, added: 200, held: 500, idempotent: false });
      expect(await t.ledger.listHolds('acme', T + 1_500)).to.deep.equal([
        { holdId: 'h1', amount: 500, expiresAt: T + 2_000, slices: 2, lastSlice: 1 },
      ]);
      expect(await t.ledger.getBalance('acme', T + 1_500)).to.deep.equal({
        balance: 1_000,
        reserved: 500,
        available: 500,
      });
    });

    it('is idempotent by slice: a repeated or older slice adds nothing and says what is held', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(100));
      const slice = (n: number) => ({
        slice: n,
        amount: 100,
        minAmount: 100,
        expiresAt: T + 2 * MINUTE,
        now: T,
      });
      expect(await t.ledger.extendHold('acme', 'h1', slice(1))).to.deep.equal({
        ok: true,
        added: 100,
        held: 200,
        idempotent: false,
      });
      expect(await t.ledger.extendHold('acme', 'h1', slice(1))).to.deep.equal({
        ok: true,
        added: 0,
        held: 200,
        idempotent: true,
      });
      expect(await t.ledger.extendHold('acme', 'h1', slice(2))).to.deep.equal({
        ok: true,
        added: 100,
        held: 300,
        idempotent: false,
      });
      expect(await t.ledger.extendHold('acme', 'h1', slice(1))).to.deep.equal({
        ok: true,
        added: 0,
        held: 300,
        idempotent: true,
      });
      expect((await t.ledger.getBalance('acme', T)).reserved).to.equal(300);
    });

    it('adds what is available down to the minimum, a minimum of 0 even nothing, and refuses below it', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(850));
      const extend = (n: number, amount: number, minAmount: number) =>
        t.ledger.extendHold('acme', 'h1', { slice: n, amount, minAmount, expiresAt: T + 2 * MINUTE, now: T });
      expect(await extend(1, 200, 200)).to.deep.equal({
        ok: false,
        reason: 'insufficient_credit',
        available: 150,
      });
      expect(await extend(1, 200, 100)).to.deep.equal({
        ok: true,
        added: 150,
        held: 1_000,
        idempotent: false,
      });
      expect(await extend(2, 200, 0)).to.deep.equal({ ok: true, added: 0, held: 1_000, idempotent: false });
      expect(await t.ledger.listHolds('acme', T)).to.deep.equal([
        { holdId: 'h1', amount: 1_000, expiresAt: T + 2 * MINUTE, slices: 3, lastSlice: 2 },
      ]);
    });

    it('refuses an unknown hold, and one that was posted, voided or expired', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      const slice = { slice: 1, amount: 100, minAmount: 0, expiresAt: T + 2 * MINUTE, now: T + 20 };
      expect(await t.ledger.extendHold('acme', 'nope', slice)).to.deep.equal({
        ok: false,
        reason: 'unknown_hold',
      });
      await t.ledger.hold('acme', 'posted', request(100));
      await t.ledger.postHold('acme', 'posted', 10, { now: T });
      await t.ledger.hold('acme', 'voided', request(100));
      await t.ledger.voidHold('acme', 'voided', T);
      await t.ledger.hold('acme', 'expired', request(100, 100, T + 20));
      for (const id of ['posted', 'voided', 'expired']) {
        expect(await t.ledger.extendHold('acme', id, slice)).to.deep.equal({ ok: false, reason: 'resolved' });
      }
      expect((await t.ledger.getBalance('acme', T + 20)).reserved).to.equal(0);
    });

    it('expires the hold when the new expiry is not after now', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(100));
      expect(
        await t.ledger.extendHold('acme', 'h1', {
          slice: 1,
          amount: 100,
          minAmount: 0,
          expiresAt: T,
          now: T,
        }),
      ).to.deep.equal({ ok: false, reason: 'resolved' });
      expect((await t.ledger.getBalance('acme', T)).reserved).to.equal(0);
    });

    it('refuses a bad slice number or amounts (a caller’s bug)', async () => {
      const extend = (slice: number, amount: number, minAmount: number) =>
        t.ledger.extendHold('acme', 'h1', { slice, amount, minAmount, expiresAt: T + MINUTE, now: T });
      await expectRejected(extend(0, 10, 0), RangeError);
      await expectRejected(extend(1.5, 10, 0), RangeError);
      await expectRejected(extend(1, 0, 0), RangeError);
      await expectRejected(extend(1, 10, 11), RangeError);
    });
  });

  describe('listHolds', () => {
    it('lists the pending holds, soonest expiry first, without the expired ones', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'late', request(100, 100, T + 3_000));
      await t.ledger.hold('acme', 'soon', request(100, 100, T + 2_000));
      await t.ledger.hold('acme', 'gone', request(100, 100, T + 1_000));
      expect((await t.ledger.listHolds('acme', T + 1_000)).map((h) => h.holdId)).to.deep.equal([
        'soon',
        'late',
      ]);
    });
  });
});
