// `callfwd reconcile` for balances: the balance of record (opening + journal) vs the live Redis
// balance, per account; with repair, the live side is moved to the record.
import type { BalanceOfRecord } from '../db/query-journal.js';
import { planBalanceRepair, type BalanceRepair, type LiveBalance } from './plan-balance-repair.js';

/** The part of @callfwd/store's Ledger that reconcile uses. */
export interface LiveLedger {
  getBalance(accountId: string): Promise<LiveBalance>;
  topup(accountId: string, amount: number, ref: string): Promise<number>;
  postHold(
    accountId: string,
    holdId: string,
    cost: number,
    details?: { meta?: Record<string, unknown> },
  ): Promise<{ charged: number }>;
}

export interface ReconcileDb {
  balanceOfRecord(account: string, openingBalance: number): Promise<BalanceOfRecord>;
}

export interface ReconcileAccount {
  id: string;
  openingBalance: number;
}

export type AccountReconcileStatus = 'ok' | 'differs' | 'repaired' | 'pending';

export interface AccountReconcile {
  account: string;
  ofRecord: number;
  live: LiveBalance;
  difference: number;
  status: AccountReconcileStatus;
  repair: (BalanceRepair & { ref: string; applied: number }) | null;
}

export interface ReconcileOptions {
  ledger: LiveLedger;
  db: ReconcileDb;
  accounts: readonly ReconcileAccount[];
  repair?: boolean;
  /**
   * Entries of this account still in the records outbox (not yet in the journal): while there are
   * any, a difference is expected and is not repaired (status `pending`).
   */
  pendingFor?: (account: string) => Promise<number>;
}

/** The repair's idempotency key: the same state gives the same ref, so two reconcilers repair once. */
function repairRef(account: string, record: BalanceOfRecord, live: LiveBalance): string {
  return `reconcile:${account}:${record.entries}:${record.balance}:${live.balance}`;
}

export async function reconcileBalances(options: ReconcileOptions): Promise<AccountReconcile[]> {
  const results: AccountReconcile[] = [];
  for (const account of options.accounts) {
    const record = await options.db.balanceOfRecord(account.id, account.openingBalance);
    const live = await options.ledger.getBalance(account.id);
    const plan = planBalanceRepair(record.balance, live);
    const base = { account: account.id, ofRecord: record.balance, live, difference: plan.difference };
    if (plan.repair === null) {
      results.push({ ...base, status: 'ok', repair: null });
      continue;
    }
    const pending = options.pendingFor === undefined ? 0 : await options.pendingFor(account.id);
    if (pending > 0) {
      results.push({ ...base, status: 'pending', repair: null });
      continue;
    }
    if (options.repair !== true) {
      results.push({ ...base, status: 'differs', repair: null });
      continue;
    }
    const ref = repairRef(account.id, record, live);
    // A debit charges at most the live balance (it never goes below zero).
    const applied =
      plan.repair.kind === 'credit'
        ? (await options.ledger.topup(account.id, plan.repair.amount, ref), plan.repair.amount)
        : (await options.ledger.postHold(account.id, ref, plan.repair.amount, { meta: { reconcile: true } }))
            .charged;
    results.push({ ...base, status: 'repaired', repair: { ...plan.repair, ref, applied } });
  }
  return results;
}
