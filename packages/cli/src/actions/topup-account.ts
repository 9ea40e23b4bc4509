import { findAccount, type Config } from '@callfwd/domain';
import { createKeyspace, createLedger } from '@callfwd/store';
import { journalLedgerOptions } from '../run/records-db.js';
import type { Cluster, Redis } from 'ioredis';

export interface TopupRequest {
  account: string;
  /** Integer minor units, > 0. */
  amount: number;
  /** The idempotency key: a ref is applied once. */
  ref: string;
}

export type TopupResult =
  | { ok: true; applied: boolean; account: string; amount: number; ref: string; balance: number; currency: string }
  | { ok: false; code: 'UNKNOWN_ACCOUNT' | 'REF_REUSED'; message: string };

/**
 * Adds a top-up once per ref (the ledger's Lua script). A ref already used is not applied again;
 * a ref reused for another amount is refused, so a typo cannot pass as a retry.
 */
export async function topupAccount(config: Config, redis: Redis | Cluster, request: TopupRequest): Promise<TopupResult> {
  const account = findAccount(config, request.account);
  if (account === undefined) {
    return { ok: false, code: 'UNKNOWN_ACCOUNT', message: `there is no account "${request.account}" in the config; nothing changed` };
  }
  // With PostgreSQL, the top-up's journal entry goes into the records outbox in the same script.
  const ledger = createLedger(redis, config.redis.prefix, journalLedgerOptions(config));
  await ledger.ensureAccount(account.id, account.openingBalance);
  const seen = await redis.hget(createKeyspace(config.redis.prefix).account(account.id).topups, request.ref);
  const seenAmount = seen === null ? undefined : Number.parseInt(seen.split(':')[0] ?? '', 10);
  if (seenAmount !== undefined && seenAmount !== request.amount) {
    return {
      ok: false,
      code: 'REF_REUSED',
      message: `ref "${request.ref}" was already used for a top-up of ${seenAmount} on ${account.id}; nothing changed`,
    };
  }
  const balance = await ledger.topup(account.id, request.amount, request.ref);
  return { ok: true, applied: seen === null, account: account.id, amount: request.amount, ref: request.ref, balance, currency: account.currency };
}
