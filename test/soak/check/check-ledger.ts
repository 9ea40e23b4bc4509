// The books: debits (with PostgreSQL: the journal) add up to each account's fall; no balance below zero; no hold left pending;
// Redis and PostgreSQL agree on every balance (when PostgreSQL is in the history).
import type { History } from '../history/history.js';
import { violation, type Violation } from './violation.js';

export function checkLedger(history: History): Violation[] {
  const out: Violation[] = [];
  for (const account of history.accounts) {
    const subject = `account:${account.id}`;
    // With PostgreSQL, its journal (every charge, top-up and adjustment); without, Redis' debit log.
    const debited =
      history.pg === null
        ? history.debits.filter((d) => d.account === account.id).reduce((sum, d) => sum + d.amount, 0)
        : -history.pg.journal.filter((row) => row.account === account.id).reduce((sum, row) => sum + row.amount, 0);
    const fall = account.opening - account.balance;
    if (debited !== fall) out.push(violation('books-balance', subject, `${history.pg === null ? 'debits' : 'the journal'} add up to ${debited}, the balance fell by ${fall} (${account.opening} -> ${account.balance})`));
    if (account.balance < 0) out.push(violation('no-overdraft', subject, `balance ${account.balance}`));
    for (const hold of account.pendingHolds) out.push(violation('no-pending-hold', hold, `hold ${hold} on ${account.id} still pending`));
    if (history.pg !== null) {
      const recorded = history.pg.balances[account.id];
      if (recorded !== account.balance) out.push(violation('pg-balance', subject, `Redis balance ${account.balance}, PostgreSQL balance of record ${recorded ?? 'missing'}`));
    }
  }
  return out;
}
