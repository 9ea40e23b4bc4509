import { expect } from 'chai';
import { createLedger } from '../../src/ledger/create-ledger.js';
import { clock, MINUTE, request, T } from '../support/holds.js';
import { connectRedis, useFreshLedger } from '../support/redis.js';

describe('createLedger two-phase holds under concurrent calls', () => {
  const holds = useFreshLedger({ clock });

  it('holds, posts and voids without overdrawing, and the balance falls by exactly the charges', async () => {
    const opening = 10_000;
    await holds.ledger.ensureAccount('acme', opening);
    const clients = await Promise.all([1, 2, 3, 4].map(() => connectRedis(holds.prefix)));
    try {
      const ledgers = clients.map((client) => createLedger(client, holds.prefix, { clock }));
      const outcomes = await Promise.all(
        Array.from({ length: 120 }, async (_, i) => {
          const l = ledgers[i % ledgers.length]!;
          const id = `leg-${i}`;
          const hold = await l.hold('acme', id, request(400));
          if (!hold.ok) return 0;
          if (i % 5 === 0) {
            await l.voidHold('acme', id, T);
            return 0;
          }
          const cost = 100 + (i % 7) * 90; // sometimes beyond the hold
          const first = await l.postHold('acme', id, cost, { now: T, at: i });
          const second = await l.postHold('acme', id, cost, { now: T, at: i });
          expect(second.charged).to.equal(first.charged);
          expect(second.alreadyPosted).to.equal(true);
          return first.charged;
        }),
      );
      const charged = outcomes.reduce((sum, c) => sum + c, 0);
      const after = await holds.ledger.getBalance('acme', T);
      expect(after.balance).to.be.at.least(0);
      expect(after.reserved).to.equal(0);
      expect(opening - after.balance).to.equal(charged);
      const debits = await holds.ledger.listDebits('acme', 1_000);
      expect(debits.reduce((sum, d) => sum + d.amount, 0)).to.equal(charged);
    } finally {
      await Promise.all(clients.map((client) => client.quit()));
    }
  });

  it('keeps the books under concurrent holds, slices, posts and voids', async () => {
    const opening = 10_000;
    await holds.ledger.ensureAccount('acme', opening);
    const clients = await Promise.all([1, 2, 3, 4].map(() => connectRedis(holds.prefix)));
    try {
      const ledgers = clients.map((client) => createLedger(client, holds.prefix, { clock }));
      const charges = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const l = ledgers[i % ledgers.length]!;
          const id = `call-${i}`;
          const first = await l.hold('acme', id, request(200, 50));
          if (!first.ok) return 0;
          for (let n = 1; n <= 3; n++) {
            const more = await l.extendHold('acme', id, {
              slice: n,
              amount: 100,
              minAmount: 0,
              expiresAt: T + MINUTE,
              now: T,
            });
            expect(more.ok).to.equal(true);
          }
          if (i % 4 === 0) {
            await l.voidHold('acme', id, T);
            return 0;
          }
          const posted = await l.postHold('acme', id, 150 + (i % 5) * 60, { now: T });
          const again = await l.postHold('acme', id, 1, { now: T });
          expect(again).to.deep.equal({ ...posted, alreadyPosted: true });
          return posted.charged;
        }),
      );
      const charged = charges.reduce((sum, c) => sum + c, 0);
      const after = await holds.ledger.getBalance('acme', T);
      expect(after.reserved).to.equal(0);
      expect(opening - after.balance).to.equal(charged);
      expect((await holds.ledger.listDebits('acme', 1_000)).reduce((sum, d) => sum + d.amount, 0)).to.equal(
        charged,
      );
    } finally {
      await Promise.all(clients.map((client) => client.quit()));
    }
  });
});
