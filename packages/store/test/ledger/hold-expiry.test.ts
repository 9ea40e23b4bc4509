import { expect } from 'chai';
import { createLedger } from '../../src/ledger/create-ledger.js';
import { clock, MINUTE, request, T } from '../support/holds.js';
import { useFreshLedger } from '../support/redis.js';

describe('createLedger two-phase holds: expiry', () => {
  const t = useFreshLedger({ clock });

  describe('expiry', () => {
    it('releases an expired hold: its credit is available again and it counts as expired', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.hold('acme', 'h1', request(1_000, 1_000, T + 1_000));
      expect(await t.ledger.getBalance('acme', T + 999)).to.deep.equal({
        balance: 1_000,
        reserved: 1_000,
        available: 0,
      });
      expect(await t.ledger.getBalance('acme', T + 1_000)).to.deep.equal({
        balance: 1_000,
        reserved: 0,
        available: 1_000,
      });
      expect(await t.ledger.listHolds('acme', T + 1_000)).to.deep.equal([]);
      expect((await t.ledger.stats('acme')).expired).to.equal(1);
      expect(await t.ledger.hold('acme', 'h2', request(1_000, 1_000, T + 5_000, T + 1_000))).to.deep.equal({
        ok: true,
        held: 1_000,
        idempotent: false,
      });
    });

    it('is swept by every ledger operation, by the ledger’s clock when a call passes no now', async () => {
      let now = T;
      const moving = createLedger(t.redis, t.prefix, { clock: () => now });
      await moving.ensureAccount('acme', 1_000);
      await moving.hold('acme', 'h1', { amount: 1_000, minAmount: 1_000, expiresAt: T + 1_000 });
      const second = { amount: 500, minAmount: 500, expiresAt: T + 5_000 };
      expect(await moving.hold('acme', 'h2', second)).to.deep.equal({
        ok: false,
        reason: 'insufficient_credit',
        available: 0,
      });
      now = T + 1_000;
      expect(await moving.hold('acme', 'h2', second)).to.deep.equal({
        ok: true,
        held: 500,
        idempotent: false,
      });
      expect(await moving.stats('acme')).to.include({ expired: 1 });
      now = T + 5_000;
      await moving.topup('acme', 100, 'invoice-1'); // not a hold operation: it sweeps all the same
      expect(await moving.stats('acme')).to.include({ expired: 2 });
      expect(await t.redis.get(`${t.prefix}:{acct:acme}:reserved`)).to.equal('0');
    });

    it('does bounded work per call, and sweepExpired and getBalance finish the rest', async () => {
      const limited = createLedger(t.redis, t.prefix, { clock, sweepLimit: 2 });
      await limited.ensureAccount('acme', 1_000);
      for (let i = 0; i < 5; i++) await limited.hold('acme', `old-${i}`, request(100, 100, T + 10));
      await limited.hold('acme', 'new', request(100, 100, T + MINUTE, T + 10));
      const expiry = `${t.prefix}:{acct:acme}:holds-expiry`;
      expect(await t.redis.zcard(expiry)).to.equal(4); // 2 of 5 swept, then 'new' added
      expect(await limited.sweepExpired('acme', T + 10)).to.deep.equal({ expired: 3, released: 300 });
      expect(await limited.sweepExpired('acme', T + 10)).to.deep.equal({ expired: 0, released: 0 });
      expect(await limited.getBalance('acme', T + 10)).to.deep.equal({
        balance: 1_000,
        reserved: 100,
        available: 900,
      });
      expect((await limited.stats('acme')).expired).to.equal(5);
    });

    it('forgets resolutions after their retention', async () => {
      const limited = createLedger(t.redis, t.prefix, { clock, resolvedTtlMs: 10_000 });
      await limited.ensureAccount('acme', 1_000);
      await limited.hold('acme', 'h1', request(100));
      await limited.voidHold('acme', 'h1', T);
      await limited.sweepExpired('acme', T + 10_000);
      expect(await t.redis.hlen(`${t.prefix}:{acct:acme}:holds-resolved`)).to.equal(0);
      expect(await t.redis.zcard(`${t.prefix}:{acct:acme}:holds-resolved-at`)).to.equal(0);
    });
  });
});
