import type { Tariff } from '@callfwd/domain';
import { expect } from 'chai';
import { reconcileBalances, type LiveLedger } from '../../src/reconcile/reconcile-balances.js';
import { reconcileLegCdrs } from '../../src/reconcile/reconcile-leg-cdrs.js';
import type { JournalEntry } from '../../src/schemas/journal-entry.js';
import type { LegCdr } from '../../src/schemas/leg-cdr.js';
import { callRecord, useRecordsDb, uuid } from '../support/database.js';

const TARIFF: Tariff = {
  id: 'std',
  currency: 'PLN',
  increment: '1/1',
  connectFee: 0,
  rates: [{ prefix: '48', perMinute: 60 }],
};

/**
 * An in-memory live ledger with the store ledger's rules that reconcile relies on (top-up once per
 * ref, post once per hold id, never below zero). The real one is Redis (@callfwd/store), which this
 * package does not depend on; the end-to-end reconcile against it belongs in test/.
 */
function memoryLedger(
  balances: Record<string, { balance: number; reserved: number }>,
): LiveLedger & { refs: string[] } {
  const refs: string[] = [];
  return {
    refs,
    getBalance(account) {
      const b = balances[account] ?? { balance: 0, reserved: 0 };
      return Promise.resolve({ ...b, available: Math.max(0, b.balance - b.reserved) });
    },
    topup(account, amount, ref) {
      const b = (balances[account] ??= { balance: 0, reserved: 0 });
      if (!refs.includes(ref)) {
        refs.push(ref);
        b.balance += amount;
      }
      return Promise.resolve(b.balance);
    },
    postHold(account, holdId, cost) {
      const b = (balances[account] ??= { balance: 0, reserved: 0 });
      if (refs.includes(holdId)) return Promise.resolve({ charged: 0 });
      refs.push(holdId);
      const charged = Math.min(cost, b.balance);
      b.balance -= charged;
      return Promise.resolve({ charged });
    },
  };
}

function legCdr(leg: string, call: string, billsec: number, answered = true): LegCdr {
  return {
    leg,
    call,
    otherLeg: call,
    direction: 'outbound',
    forwardLeg: true,
    billsec,
    billmsec: billsec * 1000,
    duration: billsec + 5,
    hangupCause: 'NORMAL_CLEARING',
    startEpoch: 1_796_153_481,
    answerEpoch: answered ? 1_796_153_486 : null,
    endEpoch: 1_796_153_500,
    variables: {},
  };
}

describe('reconcile', () => {
  const t = useRecordsDb();

  it('reports the difference between the journal and the live balance, and repairs the live side once', async () => {
    const charge: JournalEntry = {
      id: uuid(),
      account: 'rec-a',
      kind: 'charge',
      amount: -300,
      currency: 'PLN',
      leg: null,
      call: null,
      at: 1,
      note: null,
    };
    await t.db.writeBatch({ journal: [charge] });
    const ledger = memoryLedger({
      'rec-a': { balance: 1000, reserved: 200 },
      'rec-b': { balance: 50, reserved: 0 },
    });
    const accounts = [
      { id: 'rec-a', openingBalance: 1000 },
      { id: 'rec-b', openingBalance: 50 },
    ];
    const shown = await reconcileBalances({ ledger, db: t.db, accounts });
    expect(shown.map((r) => [r.account, r.status, r.difference])).to.deep.equal([
      ['rec-a', 'differs', 300],
      ['rec-b', 'ok', 0],
    ]);
    expect((await ledger.getBalance('rec-a')).balance).to.equal(1000);

    const pending = await reconcileBalances({
      ledger,
      db: t.db,
      accounts,
      repair: true,
      pendingFor: () => Promise.resolve(3),
    });
    expect(pending[0]?.status).to.equal('pending');
    expect((await ledger.getBalance('rec-a')).balance).to.equal(1000);

    const repaired = await reconcileBalances({ ledger, db: t.db, accounts, repair: true });
    expect(repaired[0]).to.deep.include({ status: 'repaired', difference: 300 });
    expect(repaired[0]?.repair).to.include({ kind: 'debit', amount: 300, applied: 300 });
    expect(await ledger.getBalance('rec-a')).to.deep.equal({ balance: 700, reserved: 200, available: 500 });
    const again = await reconcileBalances({ ledger, db: t.db, accounts, repair: true });
    expect(again.map((r) => r.status)).to.deep.equal(['ok', 'ok']);
  });

  it('corrects charges that differ from the CDR, charges answered legs never charged, once', async () => {
    const over = { call: uuid(), leg: uuid() };
    const missing = { call: uuid(), leg: uuid() };
    const exact = { call: uuid(), leg: uuid() };
    const young = { call: uuid(), leg: uuid() };
    const records = [over, missing, exact, young].map((f) =>
      callRecord({ callUuid: f.call, account: 'cdr-acct', target: '+48601000001' }),
    );
    const charge = (f: { call: string; leg: string }, amount: number): JournalEntry => ({
      id: f.leg,
      account: 'cdr-acct',
      kind: 'charge',
      amount: -amount,
      currency: 'PLN',
      leg: f.leg,
      call: f.call,
      at: 1_796_153_500_000,
      note: null,
    });
    await t.db.writeBatch({ records, journal: [charge(over, 27), charge(exact, 19)] });
    for (const [f, billsec] of [
      [over, 20],
      [missing, 15],
      [exact, 19],
      [young, 4],
    ] as const)
      await t.db.recordLegCdr(legCdr(f.leg, f.call, billsec));
    // young's CDR has just arrived: its event-based charge may still be on its way
    await t.db.pool.query(
      `UPDATE leg_cdrs SET received_at = now() - interval '1 hour' WHERE leg_uuid <> $1`,
      [young.leg],
    );

    const first = await reconcileLegCdrs({ db: t.db, tariffFor: () => TARIFF, graceMs: 60_000 });
    expect(first).to.include({ checked: 3, matched: 1, adjusted: 1, charged: 1, written: 2 });
    const second = await reconcileLegCdrs({ db: t.db, tariffFor: () => TARIFF, graceMs: 60_000 });
    expect(second).to.include({ written: 0, adjusted: 0 });
    const balance = await t.db.balanceOfRecord('cdr-acct', 1000);
    // what FreeSWITCH measured, billed: 20 + 15 + 19
    expect(balance.balance).to.equal(1000 - 20 - 15 - 19);
    expect((await t.db.journalFor('cdr-acct')).map((e) => e.id).sort()).to.deep.equal(
      [over.leg, `adj:${over.leg}`, missing.leg, exact.leg].sort(),
    );
  });
});
