import { expect } from 'chai';
import { createLedger } from '../../src/ledger/create-ledger.js';
import { connectRedis, useFreshLedger } from '../support/redis.js';

describe('createLedger', () => {
  const t = useFreshLedger();

  describe('ensureAccount', () => {
    it('sets the opening balance once and never overwrites it', async () => {
      expect(await t.ledger.ensureAccount('acme', 1_000)).to.equal(true);
      expect(await t.ledger.ensureAccount('acme', 99_999)).to.equal(false);
      expect(await t.ledger.getBalance('acme')).to.deep.equal({
        balance: 1_000,
        reserved: 0,
        available: 1_000,
      });
    });

    it('refuses a fractional or negative opening balance', async () => {
      await expectRejected(t.ledger.ensureAccount('acme', 10.5), RangeError);
      await expectRejected(t.ledger.ensureAccount('acme', -1), RangeError);
    });
  });

  describe('getBalance', () => {
    it('reads an unknown account as empty', async () => {
      expect(await t.ledger.getBalance('nobody')).to.deep.equal({ balance: 0, reserved: 0, available: 0 });
    });
  });

  describe('topup', () => {
    it('adds the amount once per ref', async () => {
      await t.ledger.ensureAccount('acme', 100);
      expect(await t.ledger.topup('acme', 250, 'invoice-1')).to.equal(350);
      expect(await t.ledger.topup('acme', 250, 'invoice-1')).to.equal(350);
      expect(await t.ledger.topup('acme', 50, 'invoice-2')).to.equal(400);
      expect((await t.ledger.getBalance('acme')).balance).to.equal(400);
    });

    it('refuses a zero or fractional amount', async () => {
      await expectRejected(t.ledger.topup('acme', 0, 'r'), RangeError);
      await expectRejected(t.ledger.topup('acme', 1.5, 'r'), RangeError);
    });
  });

  describe('reserve', () => {
    it('holds the amount when the available credit covers it', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      expect(await t.ledger.reserve('acme', 'leg-1', 600)).to.deep.equal({
        ok: true,
        reserved: 600,
        idempotent: false,
      });
      expect(await t.ledger.getBalance('acme')).to.deep.equal({
        balance: 1_000,
        reserved: 600,
        available: 400,
      });
    });

    it('refuses what the available credit does not cover, and says what is available', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.reserve('acme', 'leg-1', 600);
      expect(await t.ledger.reserve('acme', 'leg-2', 401)).to.deep.equal({
        ok: false,
        reason: 'insufficient_credit',
        available: 400,
      });
      expect((await t.ledger.getBalance('acme')).reserved).to.equal(600);
    });

    it('returns the existing hold for the same leg and never holds twice', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.reserve('acme', 'leg-1', 300);
      expect(await t.ledger.reserve('acme', 'leg-1', 300)).to.deep.equal({
        ok: true,
        reserved: 300,
        idempotent: true,
      });
      expect(await t.ledger.reserve('acme', 'leg-1', 900)).to.deep.equal({
        ok: true,
        reserved: 300,
        idempotent: true,
      });
      expect((await t.ledger.getBalance('acme')).reserved).to.equal(300);
    });

    it('never holds again for a settled leg', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.reserve('acme', 'leg-1', 300);
      await t.ledger.settle('acme', 'leg-1', 120, { at: 1 });
      expect(await t.ledger.reserve('acme', 'leg-1', 300)).to.deep.equal({
        ok: false,
        reason: 'already_settled',
      });
      expect((await t.ledger.getBalance('acme')).reserved).to.equal(0);
    });

    it('refuses anything on an account that does not exist', async () => {
      expect(await t.ledger.reserve('nobody', 'leg-1', 1)).to.deep.equal({
        ok: false,
        reason: 'insufficient_credit',
        available: 0,
      });
    });

    it('lets exactly as many concurrent reservations through as the balance pays for', async () => {
      await t.ledger.ensureAccount('acme', 20 * 50);
      const clients = await Promise.all([1, 2, 3, 4, 5].map(() => connectRedis(t.prefix)));
      try {
        const ledgers = clients.map((client) => createLedger(client, t.prefix));
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => ledgers[i % ledgers.length]!.reserve('acme', `leg-${i}`, 50)),
        );
        expect(results.filter((r) => r.ok)).to.have.length(20);
        expect(results.filter((r) => !r.ok && r.reason === 'insufficient_credit')).to.have.length(180);
        expect(await t.ledger.getBalance('acme')).to.deep.equal({
          balance: 1_000,
          reserved: 1_000,
          available: 0,
        });
      } finally {
        await Promise.all(clients.map((client) => client.quit()));
      }
    });
  });

  describe('release', () => {
    it('releases the hold once', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.reserve('acme', 'leg-1', 300);
      expect(await t.ledger.release('acme', 'leg-1')).to.deep.equal({ released: 300 });
      expect(await t.ledger.release('acme', 'leg-1')).to.deep.equal({ released: 0 });
      expect(await t.ledger.getBalance('acme')).to.deep.equal({
        balance: 1_000,
        reserved: 0,
        available: 1_000,
      });
    });

    it('leaves a settled leg settled', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.reserve('acme', 'leg-1', 300);
      await t.ledger.settle('acme', 'leg-1', 200, { at: 1 });
      expect(await t.ledger.release('acme', 'leg-1')).to.deep.equal({ released: 0 });
      expect(await t.ledger.getBalance('acme')).to.deep.equal({ balance: 800, reserved: 0, available: 800 });
      expect((await t.ledger.settle('acme', 'leg-1', 200, { at: 2 })).alreadySettled).to.equal(true);
    });
  });

  describe('settle', () => {
    it('debits the cost, releases the hold and logs the debit', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.reserve('acme', 'leg-1', 300);
      const result = await t.ledger.settle('acme', 'leg-1', 120, {
        at: 1_700_000_000_000,
        meta: { callUuid: 'call-1', seconds: 60 },
      });
      expect(result).to.deep.equal({
        ok: true,
        charged: 120,
        balance: 880,
        alreadySettled: false,
        conflict: false,
      });
      expect(await t.ledger.getBalance('acme')).to.deep.equal({ balance: 880, reserved: 0, available: 880 });
      expect(await t.ledger.listDebits('acme', 10)).to.deep.equal([
        {
          leg: 'leg-1',
          amount: 120,
          cost: 120,
          held: 300,
          at: 1_700_000_000_000,
          meta: { callUuid: 'call-1', seconds: 60 },
        },
      ]);
    });

    it('charges once when settled twice, and returns the first result', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.reserve('acme', 'leg-1', 300);
      await t.ledger.settle('acme', 'leg-1', 120, { at: 1 });
      await t.ledger.topup('acme', 500, 'later');
      const again = await t.ledger.settle('acme', 'leg-1', 999, { at: 2 });
      expect(again).to.deep.equal({
        ok: true,
        charged: 120,
        balance: 880,
        alreadySettled: true,
        conflict: false,
      });
      expect((await t.ledger.getBalance('acme')).balance).to.equal(1_380);
      expect(await t.ledger.listDebits('acme', 10)).to.have.length(1);
    });

    it('charges once when the same leg is settled concurrently from several connections', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.reserve('acme', 'leg-1', 300);
      const clients = await Promise.all([1, 2, 3].map(() => connectRedis(t.prefix)));
      try {
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            createLedger(clients[i % 3]!, t.prefix).settle('acme', 'leg-1', 250, { at: i }),
          ),
        );
        expect(results.filter((r) => !r.alreadySettled)).to.have.length(1);
        expect(results.every((r) => r.charged === 250)).to.equal(true);
        expect((await t.ledger.getBalance('acme')).balance).to.equal(750);
      } finally {
        await Promise.all(clients.map((client) => client.quit()));
      }
    });

    it('never takes the balance below zero, and counts a cost beyond the hold as a conflict', async () => {
      await t.ledger.ensureAccount('acme', 100);
      await t.ledger.reserve('acme', 'leg-1', 80);
      const result = await t.ledger.settle('acme', 'leg-1', 500, { at: 1 });
      expect(result).to.deep.equal({
        ok: true,
        charged: 100,
        balance: 0,
        alreadySettled: false,
        conflict: true,
      });
      expect(await t.ledger.getBalance('acme')).to.deep.equal({ balance: 0, reserved: 0, available: 0 });
      expect(await t.ledger.stats('acme')).to.deep.equal({
        conflicts: 1,
        settlements: 1,
        posts: 0,
        expired: 0,
        postWithoutHold: 0,
      });
    });

    it('charges a zero cost as nothing, without a conflict', async () => {
      await t.ledger.ensureAccount('acme', 100);
      await t.ledger.reserve('acme', 'leg-1', 80);
      expect(await t.ledger.settle('acme', 'leg-1', 0, { at: 1 })).to.deep.equal({
        ok: true,
        charged: 0,
        balance: 100,
        alreadySettled: false,
        conflict: false,
      });
      expect((await t.ledger.getBalance('acme')).reserved).to.equal(0);
    });

    it('keeps the settled marker for the configured time only', async () => {
      const shortLived = createLedger(t.redis, t.prefix, { settledTtlMs: 60_000 });
      await shortLived.ensureAccount('acme', 100);
      await shortLived.settle('acme', 'leg-1', 10, { at: 1 });
      const ttl = await t.redis.pttl(`${t.prefix}:{acct:acme}:settled:leg-1`);
      expect(ttl).to.be.greaterThan(0).and.at.most(60_000);
    });
  });

  describe('listDebits', () => {
    it('lists the newest first, up to the limit', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.settle('acme', 'leg-1', 10, { at: 1 });
      await t.ledger.settle('acme', 'leg-2', 20, { at: 2 });
      await t.ledger.settle('acme', 'leg-3', 30, { at: 3 });
      const debits = await t.ledger.listDebits('acme', 2);
      expect(debits.map((d) => d.leg)).to.deep.equal(['leg-3', 'leg-2']);
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
