// Every ledger script starts with the same keys and arguments (lua/includes/ledger-holds.lua), so each
// one sweeps the account's expired holds before it does anything else.
import type { Cluster, Redis } from 'ioredis';
import type { AccountKeys } from '../keys/keyspace.js';
import { replyArray, replyInteger } from '../lua/reply.js';
import { runScript } from '../lua/scripts.js';
import type { ScriptName } from '../lua/scripts.js';
import type { SweepResult } from './hold-results.js';

export interface SweepSettings {
  /** How long a hold's resolution (posted, voided, expired) is remembered, ms. */
  resolvedTtlMs: number;
  /** Expired holds released per script call, at most (bounded work per call). */
  sweepLimit: number;
}

/** A time in ms since the epoch: a safe integer >= 0. A bad one is a caller's bug. */
export function assertTime(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a time in ms since the epoch (an integer >= 0), got ${value}`);
}

export function runLedgerScript(
  redis: Redis | Cluster,
  name: ScriptName,
  account: AccountKeys,
  now: number,
  settings: SweepSettings,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  assertTime('now', now);
  return runScript(
    redis,
    name,
    [
      account.balance,
      account.reserved,
      account.pendingHolds,
      account.holdExpiry,
      account.resolvedHolds,
      account.resolvedHoldsAt,
      account.stats,
      ...keys,
    ],
    [now, settings.resolvedTtlMs, settings.sweepLimit, ...args],
  );
}

export interface SweptAccount extends SweepResult {
  balance: number;
  reserved: number;
}

/** Sweeps until nothing expired is left (each script call bounded), then reads the balance it left. */
export async function sweepAccount(
  redis: Redis | Cluster,
  account: AccountKeys,
  now: number,
  settings: SweepSettings,
): Promise<SweptAccount> {
  const total: SweptAccount = { expired: 0, released: 0, balance: 0, reserved: 0 };
  for (;;) {
    const reply = replyArray(
      await runLedgerScript(redis, 'ledger-sweep', account, now, settings, [], []),
      'ledger-sweep',
    );
    total.expired += replyInteger(reply[0], 'ledger-sweep');
    total.released += replyInteger(reply[1], 'ledger-sweep');
    total.balance = replyInteger(reply[3], 'ledger-sweep');
    total.reserved = replyInteger(reply[4], 'ledger-sweep');
    if (reply[2] !== 1) return total;
  }
}
