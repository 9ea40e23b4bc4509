// Two-phase holds with a timeout (TigerBeetle's pending transfers), the way carriers grant prepaid
// credit in slices: hold a first slice, extend it while the call lasts, then post (charge) or void it;
// a hold nobody resolves expires by itself. Ids are the client's, so a retry is the same transfer.
import type { Cluster, Redis } from 'ioredis';
import type { Keyspace } from '../keys/keyspace.js';
import { replyArray, replyInteger, replyString } from '../lua/reply.js';
import type {
  ExtendHoldRequest,
  ExtendHoldResult,
  HoldRequest,
  HoldResolution,
  HoldResult,
  PendingHold,
  PostHoldDetails,
  PostHoldResult,
  SweepResult,
  VoidHoldResult,
} from './hold-results.js';
import { assertAmount } from './money.js';
import { assertTime, runLedgerScript, sweepAccount } from './run-ledger-script.js';
import type { SweepSettings } from './run-ledger-script.js';

export interface HoldOperations {
  /** Opens a pending hold of min(amount, available) if that is >= minAmount; the same holdId again is the same hold. */
  hold(accountId: string, holdId: string, request: HoldRequest): Promise<HoldResult>;
  /** Adds a slice to a pending hold and moves its expiry; idempotent by slice number. */
  extendHold(accountId: string, holdId: string, request: ExtendHoldRequest): Promise<ExtendHoldResult>;
  /** Charges cost once per holdId (even without a pending hold) and returns the rest of the hold. */
  postHold(
    accountId: string,
    holdId: string,
    cost: number,
    details?: PostHoldDetails,
  ): Promise<PostHoldResult>;
  /** Gives the call's concurrent-forward slot back (its forward ended); idempotent. */
  releaseSlot(accountId: string, callUuid: string): Promise<void>;
  /** Calls holding a slot now (expired ones not counted). */
  slotsInUse(accountId: string, now?: number): Promise<number>;
  /** Releases the hold with no debit; idempotent. */
  voidHold(accountId: string, holdId: string, now?: number): Promise<VoidHoldResult>;
  /** Releases every hold expired at `now` (in bounded steps). */
  sweepExpired(accountId: string, now: number): Promise<SweepResult>;
  /** Pending holds after a sweep, soonest expiry first. */
  listHolds(accountId: string, now?: number): Promise<PendingHold[]>;
}

export interface HoldSettings extends SweepSettings {
  clock: () => number;
  /** The debit log in Redis is trimmed to this many (newest) per account; 0 keeps them all. */
  debitsKept?: number;
}

const RESOLUTIONS: readonly string[] = ['posted', 'voided', 'expired'] satisfies HoldResolution[];

function checkHoldId(holdId: string): void {
  if (holdId.length === 0 || holdId.length > 256)
    throw new RangeError(`a hold id must have 1 to 256 characters, got ${JSON.stringify(holdId)}`);
}

function toResolution(value: unknown, script: string): HoldResolution {
  const text = replyString(value, script);
  if (!RESOLUTIONS.includes(text)) throw new Error(`unexpected resolution from ${script}: ${text}`);
  return text as HoldResolution;
}

function parsePending(holdId: string, text: string): PendingHold {
  const match = /^(\d+):(\d+):(\d+):(\d+):(\d+)$/.exec(text);
  if (match === null) throw new Error(`unexpected pending hold ${holdId}: ${text}`);
  const [, held, expiresAt, lastSlice, slices] = match.map(Number);
  return {
    holdId,
    amount: held ?? 0,
    expiresAt: expiresAt ?? 0,
    slices: slices ?? 0,
    lastSlice: lastSlice ?? 0,
  };
}

export function createHoldOperations(
  redis: Redis | Cluster,
  keys: Keyspace,
  settings: HoldSettings,
): HoldOperations {
  return {
    async hold(accountId, holdId, { amount, minAmount, expiresAt, now = settings.clock(), slot }) {
      checkHoldId(holdId);
      assertAmount('amount', amount, { allowZero: false });
      assertAmount('minAmount', minAmount, { allowZero: false });
      if (minAmount > amount) throw new RangeError(`minAmount ${minAmount} exceeds amount ${amount}`);
      assertTime('expiresAt', expiresAt);
      if (slot !== undefined) {
        checkHoldId(slot.callUuid);
        if (!Number.isSafeInteger(slot.limit) || slot.limit < 1) throw new RangeError(`a slot limit must be an integer >= 1, got ${slot.limit}`);
        assertTime('slot.expiresAt', slot.expiresAt);
      }
      const reply = replyArray(
        await runLedgerScript(
          redis,
          'ledger-hold',
          keys.account(accountId),
          now,
          settings,
          [keys.account(accountId).slots],
          [holdId, amount, minAmount, expiresAt, slot?.callUuid ?? '', slot?.limit ?? 0, slot?.expiresAt ?? 0],
        ),
        'ledger-hold',
      );
      const status = replyString(reply[0], 'ledger-hold');
      switch (status) {
        case 'ok':
          return { ok: true, held: replyInteger(reply[1], 'ledger-hold'), idempotent: reply[2] === 1 };
        case 'insufficient_credit':
          return { ok: false, reason: status, available: replyInteger(reply[1], 'ledger-hold') };
        case 'limit_reached':
          return { ok: false, reason: status, inUse: replyInteger(reply[1], 'ledger-hold') };
        case 'resolved':
          return { ok: false, reason: status };
        default:
          throw new Error(`unexpected status from ledger-hold: ${status}`);
      }
    },

    async extendHold(accountId, holdId, { slice, amount, minAmount, expiresAt, now = settings.clock() }) {
      checkHoldId(holdId);
      if (!Number.isSafeInteger(slice) || slice < 1)
        throw new RangeError(`a slice number must be an integer >= 1, got ${slice}`);
      assertAmount('amount', amount, { allowZero: false });
      assertAmount('minAmount', minAmount, { allowZero: true });
      if (minAmount > amount) throw new RangeError(`minAmount ${minAmount} exceeds amount ${amount}`);
      assertTime('expiresAt', expiresAt);
      const reply = replyArray(
        await runLedgerScript(
          redis,
          'ledger-extend-hold',
          keys.account(accountId),
          now,
          settings,
          [],
          [holdId, slice, amount, minAmount, expiresAt],
        ),
        'ledger-extend-hold',
      );
      const status = replyString(reply[0], 'ledger-extend-hold');
      switch (status) {
        case 'ok':
          return {
            ok: true,
            added: replyInteger(reply[1], 'ledger-extend-hold'),
            held: replyInteger(reply[2], 'ledger-extend-hold'),
            idempotent: reply[3] === 1,
          };
        case 'insufficient_credit':
          return { ok: false, reason: status, available: replyInteger(reply[1], 'ledger-extend-hold') };
        case 'resolved':
        case 'unknown_hold':
          return { ok: false, reason: status };
        default:
          throw new Error(`unexpected status from ledger-extend-hold: ${status}`);
      }
    },

    async postHold(accountId, holdId, cost, details = {}) {
      checkHoldId(holdId);
      assertAmount('cost', cost, { allowZero: true });
      const now = details.now ?? settings.clock();
      const at = details.at ?? now;
      assertTime('at', at);
      const k = keys.account(accountId);
      const reply = replyArray(
        await runLedgerScript(
          redis,
          'ledger-post-hold',
          k,
          now,
          settings,
          [k.debits],
          [holdId, cost, at, JSON.stringify(details.meta ?? {}), settings.debitsKept ?? 0],
        ),
        'ledger-post-hold',
      );
      return {
        ok: true,
        charged: replyInteger(reply[0], 'ledger-post-hold'),
        balance: replyInteger(reply[1], 'ledger-post-hold'),
        held: replyInteger(reply[2], 'ledger-post-hold'),
        alreadyPosted: reply[3] === 1,
        conflict: reply[4] === 1,
        withoutHold: reply[5] === 1,
      };
    },

    async releaseSlot(accountId, callUuid) {
      checkHoldId(callUuid);
      await redis.zrem(keys.account(accountId).slots, callUuid);
    },

    async slotsInUse(accountId, now = settings.clock()) {
      assertTime('now', now);
      return await redis.zcount(keys.account(accountId).slots, `(${now}`, '+inf');
    },

    async voidHold(accountId, holdId, now = settings.clock()) {
      checkHoldId(holdId);
      const reply = replyArray(
        await runLedgerScript(
          redis,
          'ledger-void-hold',
          keys.account(accountId),
          now,
          settings,
          [],
          [holdId],
        ),
        'ledger-void-hold',
      );
      const status = replyString(reply[0], 'ledger-void-hold');
      switch (status) {
        case 'voided':
          return {
            ok: true,
            released: replyInteger(reply[1], 'ledger-void-hold'),
            alreadyResolved: false,
            resolution: 'voided',
          };
        case 'already':
          return {
            ok: true,
            released: 0,
            alreadyResolved: true,
            resolution: toResolution(reply[1], 'ledger-void-hold'),
          };
        default:
          throw new Error(`unexpected status from ledger-void-hold: ${status}`);
      }
    },

    async sweepExpired(accountId, now) {
      const { expired, released } = await sweepAccount(redis, keys.account(accountId), now, settings);
      return { expired, released };
    },

    async listHolds(accountId, now = settings.clock()) {
      const k = keys.account(accountId);
      await sweepAccount(redis, k, now, settings);
      const pending = await redis.hgetall(k.pendingHolds);
      return Object.entries(pending)
        .map(([holdId, text]) => parsePending(holdId, text))
        .filter((h) => h.expiresAt > now)
        .sort((a, b) => a.expiresAt - b.expiresAt || (a.holdId < b.holdId ? -1 : 1));
    },
  };
}
