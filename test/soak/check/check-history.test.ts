import { expect } from 'chai';
import type { History } from '../history/history.js';
import { checkHistory } from './check-history.js';
import { ANSWERED, ANSWERED_LEG, BUSY, BUSY_LEG, FM_LEGS, FOLLOW_ME, T0, agreeingPg, cleanHistory, cleanHistoryWithFollowMe } from './clean-history.js';
import { INVARIANTS, type Invariant } from './violation.js';

/** Only `invariant` is reported, naming `subject`. */
function expectOnly(history: History, invariant: Invariant, subject: string): void {
  const result = checkHistory(history);
  const others = result.violations.filter((v) => v.invariant !== invariant);
  expect(others, JSON.stringify(others)).to.deep.equal([]);
  expect(result.violations.map((v) => v.subject), JSON.stringify(result.violations)).to.include(subject);
  expect(result.byInvariant[invariant]).to.be.greaterThan(0);
}

describe('soak invariant checker', () => {
  it('reports a clean history clean, and says the PostgreSQL invariants were skipped', () => {
    const result = checkHistory(cleanHistory());
    expect(result.violations).to.deep.equal([]);
    expect(Object.values(result.byInvariant).every((n) => n === 0)).to.equal(true);
    expect(result.skipped.map((s) => s.invariant)).to.include('pg-balance');
  });

  it('a clean history with PostgreSQL in agreement stays clean, and nothing is skipped', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    const result = checkHistory(h);
    expect(result.violations).to.deep.equal([]);
    expect(result.skipped).to.deep.equal([]);
  });

  it('a clean history with a follow-me call (two legs a step, one number in both steps) stays clean, with PostgreSQL too', () => {
    const h = cleanHistoryWithFollowMe();
    expect(checkHistory(h).violations).to.deep.equal([]);
    h.pg = agreeingPg(h);
    expect(checkHistory(h).violations).to.deep.equal([]);
  });

  it('one-record: a parked call without a call record', () => {
    const h = cleanHistory();
    h.records = h.records.filter((r) => r.callUuid !== BUSY);
    expectOnly(h, 'one-record', BUSY);
  });

  it('one-record: a call with two rows in PostgreSQL', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    h.pg.callRecordCounts[ANSWERED] = 2;
    expectOnly(h, 'one-record', ANSWERED);
  });

  it('one-record: a call with no row in PostgreSQL', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    delete h.pg.callRecordCounts[BUSY];
    h.pg.records = h.pg.records.filter((r) => r.callUuid !== BUSY);
    expectOnly(h, 'one-record', BUSY);
  });

  it('no-dead-air: a caller left parked past the bound of its plan', () => {
    const h = cleanHistory();
    h.calls[1] = { ...h.calls[1]!, leftParkAt: T0 + 58_000, leftHow: 'fallback' };
    expectOnly(h, 'no-dead-air', BUSY);
  });

  it('no-dead-air: a caller still parked when the history is read', () => {
    const h = cleanHistory();
    h.readAt = T0 + 120_000;
    h.calls[1] = { ...h.calls[1]!, leftParkAt: null, leftHow: null };
    expectOnly(h, 'no-dead-air', BUSY);
  });

  it('one-ring-per-step: the same target rung twice on one line for one step', () => {
    const h = cleanHistory();
    h.legs.push({ ...h.legs[1]!, originatedAt: T0 + 90 });
    expectOnly(h, 'one-ring-per-step', BUSY);
  });

  it('one-ring-per-step: a follow-me step that rang one of its two targets twice', () => {
    const h = cleanHistoryWithFollowMe();
    const again = '44444444-4444-4444-8444-aaaaaaaaaaa9';
    const s1c = h.legs.find((l) => l.uuid === FM_LEGS.s1c)!;
    h.legs.push({ ...s1c, uuid: again, originatedAt: s1c.originatedAt + 500 });
    h.docs.find((d) => d.callUuid === FOLLOW_ME)!.legs.push({ legUuid: again, step: 1, target: s1c.target, line: 'main' });
    expectOnly(h, 'one-ring-per-step', FOLLOW_ME);
  });

  it('one-bridge: two legs of one call bridged', () => {
    const h = cleanHistory();
    const second = '11111111-1111-4111-8111-bbbbbbbbbbbb';
    // The second leg answered too, with no billsec (0 s), so only the bridge count is wrong.
    h.legs.push({ ...h.legs[0]!, uuid: second, line: 'main', billsec: 0 });
    expectOnly(h, 'one-bridge', ANSWERED);
  });

  it('one-bridge: both legs of one follow-me step bridged (the loser not cancelled)', () => {
    const h = cleanHistoryWithFollowMe();
    h.legs = h.legs.map((l) => (l.uuid === FM_LEGS.s1c ? { ...l, answeredAt: l.originatedAt + 2_500, bridgedAt: l.originatedAt + 2_600, cause: 'NORMAL_CLEARING' } : l));
    expectOnly(h, 'one-bridge', FOLLOW_ME);
  });

  it('charged-once: an answered leg charged twice', () => {
    const h = cleanHistory();
    h.debits.push({ ...h.debits[0]!, amount: 0 });
    expectOnly(h, 'charged-once', ANSWERED);
  });

  it('charged-once: an answered leg never charged', () => {
    const h = cleanHistory();
    h.debits = [];
    h.accounts.find((a) => a.id === 'provider-b')!.balance += 30;
    expectOnly(h, 'charged-once', ANSWERED);
  });

  it('charged-right: a leg charged for other seconds than the node billed', () => {
    const h = cleanHistory();
    h.legs[0] = { ...h.legs[0]!, billsec: 95 };
    expectOnly(h, 'charged-right', ANSWERED);
  });

  it('unanswered-not-charged: a busy leg charged', () => {
    const h = cleanHistory();
    h.debits.push({ account: 'platform', leg: BUSY_LEG, amount: 9, cost: 9, at: T0 + 300, callUuid: BUSY, billsec: 0 });
    h.accounts.find((a) => a.id === 'platform')!.balance -= 9;
    expectOnly(h, 'unanswered-not-charged', BUSY);
  });

  it('books-balance: the balance fell by more than the debits', () => {
    const h = cleanHistory();
    h.accounts.find((a) => a.id === 'provider-b')!.balance -= 7;
    expectOnly(h, 'books-balance', 'account:provider-b');
  });

  it('no-overdraft: a balance below zero', () => {
    const h = cleanHistory();
    const tight = h.accounts.find((a) => a.id === 'tight')!;
    // Debits that account for the fall, so only the overdraft is wrong.
    tight.balance = -5;
    h.legs.push({ ...h.legs[0]!, uuid: '33333333-3333-4333-8333-aaaaaaaaaaaa', parent: ANSWERED, line: 'pbx-d', bridgedAt: null, billsec: 0 });
    h.debits.push({ account: 'tight', leg: '33333333-3333-4333-8333-aaaaaaaaaaaa', amount: 5, cost: 0, at: T0, callUuid: ANSWERED, billsec: 0 });
    const result = checkHistory(h);
    expect(result.byInvariant['no-overdraft']).to.equal(1);
    expect(result.violations.find((v) => v.invariant === 'no-overdraft')?.subject).to.equal('account:tight');
  });

  it('no-pending-hold: a hold left pending after the settle', () => {
    const h = cleanHistory();
    h.accounts.find((a) => a.id === 'platform')!.pendingHolds.push(BUSY_LEG);
    expectOnly(h, 'no-pending-hold', BUSY_LEG);
  });

  it('pg-balance: PostgreSQL\'s balance of record differs from Redis', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    h.pg.balances['provider-b'] = (h.pg.balances['provider-b'] as number) + 30;
    expectOnly(h, 'pg-balance', 'account:provider-b');
  });

  it('pg-record-agrees: a call_records row that says otherwise than Redis\' record', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    h.pg.records = h.pg.records.map((r) => (r.callUuid === ANSWERED ? { ...r, billedSeconds: 31 } : r));
    expectOnly(h, 'pg-record-agrees', ANSWERED);
    expect(checkHistory(h).violations[0]?.detail).to.include('billedSeconds');
  });

  it('pg-record-agrees: the same record with its keys in another order (as jsonb stores it) agrees', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    h.pg.records = h.pg.records.map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r);
    expect(checkHistory(h).violations).to.deep.equal([]);
  });

  it('pg-journal: a leg debited in Redis with no journal charge', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    h.pg.journal = [];
    // With PostgreSQL the journal is the record of charges: the leg is also uncharged there, and the
    // journal no longer adds up to the balance's fall.
    const result = checkHistory(h);
    expect(result.violations.map((v) => `${v.invariant} ${v.subject}`).sort()).to.deep.equal(
      [`pg-journal ${ANSWERED}`, `charged-once ${ANSWERED}`, 'books-balance account:provider-b'].sort(),
    );
  });

  it('pg-journal: a journal charge for another amount than the debit, or with no debit at all', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    h.pg.journal = [
      { id: ANSWERED_LEG, account: 'provider-b', kind: 'charge', amount: -29, leg: ANSWERED_LEG, callUuid: ANSWERED },
      { id: BUSY_LEG, account: 'platform', kind: 'charge', amount: 0, leg: BUSY_LEG, callUuid: BUSY },
    ];
    const result = checkHistory(h);
    const pgJournal = result.violations.filter((v) => v.invariant === 'pg-journal');
    expect(pgJournal.map((v) => v.subject).sort()).to.deep.equal([ANSWERED, BUSY].sort());
    // The journal is the record of charges: the wrong amount is also charged-right's, and the books' (off by 1).
    expect(result.violations.filter((v) => v.invariant !== 'pg-journal').map((v) => `${v.invariant} ${v.subject}`).sort()).to.deep.equal(
      [`charged-right ${ANSWERED}`, 'books-balance account:provider-b'].sort(),
    );
  });

  it('with PostgreSQL, charges and books are read from its journal: a Redis debit log trimmed to its newest entries is no violation', () => {
    const h = cleanHistory();
    h.pg = agreeingPg(h);
    // Redis keeps only the newest debits once PostgreSQL holds the journal.
    h.debits = [];
    const result = checkHistory(h);
    expect(result.violations.filter((v) => v.invariant !== 'pg-journal')).to.deep.equal([]);
  });

  it('recording-belongs: a recording of an unanswered call', () => {
    const h = cleanHistory();
    h.recordings.push({ callUuid: BUSY, account: 'platform', file: '/rec/b.wav', startedAt: T0 + 100 });
    expectOnly(h, 'recording-belongs', BUSY);
  });

  it('recording-belongs: a recording that started long after the answer', () => {
    const h = cleanHistory();
    h.recordings[0] = { ...h.recordings[0]!, startedAt: T0 + 9_000 };
    expectOnly(h, 'recording-belongs', ANSWERED);
  });

  it('every invariant has a test above', function () {
    const titles = (this.test?.parent?.tests ?? []).map((t) => t.title.split(':')[0]);
    for (const invariant of INVARIANTS) expect(titles, invariant).to.include(invariant);
  });
});

