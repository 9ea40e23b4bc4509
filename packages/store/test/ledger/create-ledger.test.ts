import { expect } from 'chai';
import { useFreshLedger } from '../support/redis.js';

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

  describe('adjust (a journal correction from a leg CDR)', () => {
    it('refunds and charges once per ref, never below zero, and says what it moved', async () => {
      await t.ledger.ensureAccount('acme', 100);
      expect(await t.ledger.adjust('acme', 5, 'adj:leg-1')).to.deep.equal({ applied: true, balance: 105, moved: 5 });
      expect(await t.ledger.adjust('acme', 5, 'adj:leg-1')).to.deep.equal({ applied: false, balance: 105, moved: 0 });
      expect(await t.ledger.adjust('acme', -30, 'leg-2')).to.deep.equal({ applied: true, balance: 75, moved: -30 });
      expect(await t.ledger.adjust('acme', -500, 'leg-3')).to.deep.equal({ applied: true, balance: 0, moved: -75 });
      // Its refs are its own: a top-up with the same ref still applies.
      expect(await t.ledger.topup('acme', 10, 'leg-2')).to.equal(10);
    });

    it('refuses a zero or fractional delta and an empty ref', async () => {
      await expectRejected(t.ledger.adjust('acme', 0, 'r'), RangeError);
      await expectRejected(t.ledger.adjust('acme', 1.5, 'r'), RangeError);
      await expectRejected(t.ledger.adjust('acme', 1, ''), RangeError);
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

  describe('listDebits', () => {
    it('lists the newest first, up to the limit', async () => {
      await t.ledger.ensureAccount('acme', 1_000);
      await t.ledger.postHold('acme', 'leg-1', 10, { at: 1 });
      await t.ledger.postHold('acme', 'leg-2', 20, { at: 2 });
      await t.ledger.postHold('acme', 'leg-3', 30, { at: 3 });
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
