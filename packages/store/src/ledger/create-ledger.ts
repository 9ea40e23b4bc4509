// The ledger: balances, two-phase holds and debits of the accounts that pay for forwarded calls.
// Each operation is one Lua script on one account's slot, so concurrent calls cannot overdraw.
// Every script first sweeps the account's expired holds; the holds themselves are in create-hold-ledger.ts.
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../keys/keyspace.js';
import { loadScripts } from '../lua/scripts.js';
import { replyArray, replyInteger } from '../lua/reply.js';
import { createHoldOperations } from './create-hold-ledger.js';
import type { HoldOperations } from './create-hold-ledger.js';
import { outboxKeys } from '../records-outbox/outbox-keys.js';
import { assertAmount } from './money.js';
import { runLedgerScript, sweepAccount } from './run-ledger-script.js';
import type { Balance, DebitEntry, LedgerStats } from './ledger-results.js';

export interface LedgerOptions {
  /** How long a two-phase hold's resolution (posted, voided, expired) is remembered. Default 3 days (`DEFAULT_RESOLVED_TTL_MS`). */
  resolvedTtlMs?: number;
  /** Expired holds a script releases per call, at most. Default 100. */
  sweepLimit?: number;
  /** The clock holds expire by (ms since the epoch) when a call passes no `now`. Default Date.now. */
  clock?: () => number;
  /**
   * With PostgreSQL as the system of record: a top-up appends its journal entry to the account's
   * records outbox in the same script, and the debit log in Redis keeps only the newest
   * `debitsKept` (the journal in PostgreSQL is the record). Absent: as before, nothing appended.
   */
  journal?: LedgerJournalOptions;
}

export interface LedgerJournalOptions {
  /** The account's currency, for its journal entries. */
  currency: (accountId: string) => string;
  /** Debits kept in Redis per account (newest). Default 1000. */
  debitsKept?: number;
}

export const DEFAULT_DEBITS_KEPT = 1000;

export interface Ledger extends HoldOperations {
  /** Sets the opening balance once (SET NX). Returns true if the account was created now. */
  ensureAccount(accountId: string, openingBalance: number): Promise<boolean>;
  /** After sweeping the expired holds, so available never counts one. */
  getBalance(accountId: string, now?: number): Promise<Balance>;
  /** Adds amount once per ref; returns the balance after. */
  topup(accountId: string, amount: number, ref: string): Promise<number>;
  /**
   * Applies a journal correction (a leg CDR's adjustment or missing charge) to the live balance,
   * once per ref; a debit never takes the balance below zero (`moved` says what it moved).
   */
  adjust(accountId: string, delta: number, ref: string): Promise<{ applied: boolean; balance: number; moved: number }>;
  /** The newest debits first. */
  listDebits(accountId: string, limit: number): Promise<DebitEntry[]>;
  stats(accountId: string): Promise<LedgerStats>;
}

/**
 * A resolution must outlive every repeat of its post or void. Those come only from the forward's
 * outbox (a redelivered job, a second worker), and a forward's document, outbox included, lives
 * at most 2 days after its last save (the worker's DOC_TTL_MS; an ended one 5 minutes): 3 days
 * covers it with a day to spare. It was 30 days, which kept about 250 B per call for a month:
 * some 32 GB of Redis at a steady 50 calls/s (bench, 2026-12-02).
 */
export const DEFAULT_RESOLVED_TTL_MS = 3 * 24 * 60 * 60 * 1000;
export const DEFAULT_SWEEP_LIMIT = 100;

function toInt(value: string | null | undefined): number {
  return value === null || value === undefined ? 0 : Number.parseInt(value, 10);
}

export function createLedger(redis: Redis | Cluster, prefix: string, opts: LedgerOptions = {}): Ledger {
  const keys = createKeyspace(prefix);
  const sweepLimit = opts.sweepLimit ?? DEFAULT_SWEEP_LIMIT;
  if (!Number.isSafeInteger(sweepLimit) || sweepLimit < 1)
    throw new RangeError(`sweepLimit must be an integer >= 1, got ${sweepLimit}`);
  const settings = {
    resolvedTtlMs: opts.resolvedTtlMs ?? DEFAULT_RESOLVED_TTL_MS,
    sweepLimit,
    clock: opts.clock ?? Date.now,
  };
  loadScripts(redis, [
    'ledger-topup',
    'ledger-adjust',
    'ledger-hold',
    'ledger-extend-hold',
    'ledger-post-hold',
    'ledger-void-hold',
    'ledger-sweep',
  ]);

  return {
    ...createHoldOperations(redis, keys, { ...settings, debitsKept: opts.journal === undefined ? 0 : (opts.journal.debitsKept ?? DEFAULT_DEBITS_KEPT) }),

    async ensureAccount(accountId, openingBalance) {
      assertAmount('openingBalance', openingBalance, { allowZero: true });
      const reply = await redis.set(keys.account(accountId).balance, String(openingBalance), 'NX');
      return reply === 'OK';
    },

    async getBalance(accountId, now = settings.clock()) {
      const { balance, reserved } = await sweepAccount(redis, keys.account(accountId), now, settings);
      return { balance, reserved, available: Math.max(0, balance - reserved) };
    },

    async topup(accountId, amount, ref) {
      assertAmount('amount', amount, { allowZero: false });
      if (ref.length === 0) throw new RangeError('a top-up needs a ref (its idempotency key)');
      const k = keys.account(accountId);
      const at = Date.now();
      const journal = opts.journal;
      const entry =
        journal === undefined
          ? []
          : [JSON.stringify({ id: ref, account: accountId, kind: 'topup', amount, currency: journal.currency(accountId), leg: null, call: null, at, note: null })];
      const reply = replyArray(
        await runLedgerScript(
          redis,
          'ledger-topup',
          k,
          settings.clock(),
          settings,
          journal === undefined ? [k.topups] : [k.topups, outboxKeys(prefix).account(accountId)],
          [amount, ref, at, ...entry],
        ),
        'ledger-topup',
      );
      return replyInteger(reply[1], 'ledger-topup');
    },

    async adjust(accountId, delta, ref) {
      if (!Number.isSafeInteger(delta) || delta === 0) throw new RangeError(`delta must be a non-zero integer (minor units), got ${delta}`);
      if (ref.length === 0) throw new RangeError('an adjustment needs a ref (its idempotency key)');
      const k = keys.account(accountId);
      const reply = replyArray(
        await runLedgerScript(redis, 'ledger-adjust', k, settings.clock(), settings, [k.topups], [delta, `cdr:${ref}`, Date.now()]),
        'ledger-adjust',
      );
      return { applied: replyInteger(reply[0], 'ledger-adjust') === 1, balance: replyInteger(reply[1], 'ledger-adjust'), moved: replyInteger(reply[2], 'ledger-adjust') };
    },

    async listDebits(accountId, limit) {
      if (!Number.isSafeInteger(limit) || limit <= 0)
        throw new RangeError(`limit must be an integer > 0, got ${limit}`);
      const entries = await redis.lrange(keys.account(accountId).debits, 0, limit - 1);
      return entries.map((entry) => JSON.parse(entry) as DebitEntry);
    },

    async stats(accountId) {
      const [conflicts, posts, expired, postWithoutHold] = await redis.hmget(
        keys.account(accountId).stats,
        'conflicts',
        'posts',
        'expired',
        'post_without_hold',
      );
      return {
        conflicts: toInt(conflicts),
        posts: toInt(posts),
        expired: toInt(expired),
        postWithoutHold: toInt(postWithoutHold),
      };
    },
  };
}
