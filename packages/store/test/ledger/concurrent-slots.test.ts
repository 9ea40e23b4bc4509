import { expect } from 'chai';
import { clock, expectRejected, MINUTE, request, T } from '../support/holds.js';
import { useFreshLedger } from '../support/redis.js';

const slot = (callUuid: string, limit = 2, expiresAt = T + 10 * MINUTE) => ({ callUuid, limit, expiresAt });

describe('ledger: concurrent-forward slots held with the credit (rule 11)', () => {
  const t = useFreshLedger({ clock });

  it('takes one slot per call; legs of one call share it; the limit refuses a further call and holds nothing', async () => {
    await t.ledger.ensureAccount('acme', 10_000);
    expect((await t.ledger.hold('acme', 'c1-leg1', { ...request(100), slot: slot('c1') })).ok).to.equal(true);
    expect((await t.ledger.hold('acme', 'c1-leg2', { ...request(100), slot: slot('c1') })).ok).to.equal(true);
    expect((await t.ledger.hold('acme', 'c2-leg1', { ...request(100), slot: slot('c2') })).ok).to.equal(true);
    expect(await t.ledger.slotsInUse('acme', T)).to.equal(2);
    expect(await t.ledger.hold('acme', 'c3-leg1', { ...request(100), slot: slot('c3') })).to.deep.equal({ ok: false, reason: 'limit_reached', inUse: 2 });
    expect((await t.ledger.getBalance('acme', T)).reserved).to.equal(300);
    // A call already holding a slot still gets more legs at the limit.
    expect((await t.ledger.hold('acme', 'c2-leg2', { ...request(100), slot: slot('c2') })).ok).to.equal(true);
  });

  it('a released slot (the forward ended) is free again; releasing twice is fine', async () => {
    await t.ledger.ensureAccount('acme', 10_000);
    await t.ledger.hold('acme', 'a', { ...request(100), slot: slot('c1', 1) });
    expect((await t.ledger.hold('acme', 'b', { ...request(100), slot: slot('c2', 1) })).ok).to.equal(false);
    await t.ledger.releaseSlot('acme', 'c1');
    await t.ledger.releaseSlot('acme', 'c1');
    expect((await t.ledger.hold('acme', 'b', { ...request(100), slot: slot('c2', 1) })).ok).to.equal(true);
  });

  it('a slot whose forward never released it expires with it', async () => {
    await t.ledger.ensureAccount('acme', 10_000);
    await t.ledger.hold('acme', 'a', { ...request(100), slot: slot('c1', 1, T + MINUTE) });
    const later = T + 2 * MINUTE;
    expect(await t.ledger.slotsInUse('acme', later)).to.equal(0);
    expect((await t.ledger.hold('acme', 'b', { ...request(100, 100, later + MINUTE, later), slot: slot('c2', 1, later + MINUTE) })).ok).to.equal(true);
  });

  it('no credit: no slot taken', async () => {
    await t.ledger.ensureAccount('acme', 50);
    expect((await t.ledger.hold('acme', 'a', { ...request(100), slot: slot('c1', 1) })).ok).to.equal(false);
    expect(await t.ledger.slotsInUse('acme', T)).to.equal(0);
  });

  it('200 calls at once on a limit of 20: exactly 20 get a slot', async () => {
    await t.ledger.ensureAccount('acme', 1_000_000);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => t.ledger.hold('acme', `h${i}`, { ...request(10), slot: slot(`c${i}`, 20) })));
    expect(results.filter((r) => r.ok)).to.have.length(20);
    expect(results.filter((r) => !r.ok && r.reason === 'limit_reached')).to.have.length(180);
    expect(await t.ledger.slotsInUse('acme', T)).to.equal(20);
  });

  it('refuses a bad slot (a caller bug)', async () => {
    await t.ledger.ensureAccount('acme', 1_000);
    await expectRejected(t.ledger.hold('acme', 'a', { ...request(100), slot: slot('c1', 0) }), RangeError);
    await expectRejected(t.ledger.hold('acme', 'a', { ...request(100), slot: slot('', 1) }), RangeError);
  });
});
