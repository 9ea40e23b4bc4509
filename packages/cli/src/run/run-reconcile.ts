// The balance reconcile of `callfwd reconcile` and of `callfwd run`'s start: the balance of record
// (opening + journal in PostgreSQL) against the live balance in Redis, per account.
import type { Config } from '@callfwd/domain';
import { reconcile, type AccountReconcile, type RecordsDb } from '@callfwd/records';
import { createLedger, createRecordsOutbox } from '@callfwd/store';
import type { Cluster, Redis } from 'ioredis';

export async function runReconcile(
  config: Config,
  redis: Redis | Cluster,
  db: RecordsDb,
  opts: { repair: boolean; accounts?: readonly string[] },
): Promise<AccountReconcile[]> {
  const prefix = config.redis.prefix;
  // No journal options: a repair moves the live side only (journalling it would move the record too).
  const ledger = createLedger(redis, prefix);
  const outbox = createRecordsOutbox(redis, prefix);
  const accounts = config.accounts.filter((a) => opts.accounts === undefined || opts.accounts.includes(a.id));
  for (const a of accounts) await ledger.ensureAccount(a.id, a.openingBalance);
  return reconcile({
    ledger,
    db,
    accounts: accounts.map((a) => ({ id: a.id, openingBalance: a.openingBalance })),
    repair: opts.repair,
    pendingFor: (account) => redis.xlen(outbox.keys.account(account)),
  });
}
