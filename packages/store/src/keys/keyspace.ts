// The Redis keyspace: every key callfwd writes, under a hash-tagged prefix so one Lua script
// touches one Cluster slot. Documented in packages/store/README.md; change both together.

/** Characters that would break a hash tag or the key layout if they appeared in a prefix or an id. */
const FORBIDDEN = /[{}\s]/;

function checkPart(kind: string, value: string): string {
  if (value.length === 0 || FORBIDDEN.test(value)) {
    throw new RangeError(`invalid ${kind} for a Redis key: ${JSON.stringify(value)}`);
  }
  return value;
}

export interface AccountKeys {
  /** string: the balance, integer minor units. */
  readonly balance: string;
  /** string: the sum of the pending holds. */
  readonly reserved: string;
  /** hash: top-up ref -> amount (the idempotency set for top-ups). */
  readonly topups: string;
  /** list: debit log, newest first (JSON entries). */
  readonly debits: string;
  /** hash: counters for metrics (conflicts, posts, expired, post_without_hold). */
  readonly stats: string;
  /** hash: holdId -> `held:expiresAt:lastSlice:slices:firstHeld` of each pending two-phase hold. */
  readonly pendingHolds: string;
  /** zset: holdId of each pending hold, scored by its expiry (ms): the sweep's work list. */
  readonly holdExpiry: string;
  /** zset: the calls holding one of the account's concurrent-forward slots, scored by the slot's expiry (ms). */
  readonly slots: string;
  /** hash: holdId -> how it resolved (`posted:...`, `voided:<released>`, `expired:<released>`). */
  readonly resolvedHolds: string;
  /** zset: holdId of each resolved hold, scored by when it resolved (ms): trimmed after the retention. */
  readonly resolvedHoldsAt: string;
}

export interface NodeKeys {
  /** zset: `<callUuid>/<legUuid>` of bridged legs not yet settled, scored by answer time (ms). */
  readonly bridged: string;
  /** hash: the versioned document of one forward (`version`, `doc` JSON, `updatedAt`). */
  forwardDoc(callUuid: string): string;
  /** string: the marker of an at-most-once effect (SET NX PX). */
  effect(effectId: string): string;
  /** zset: call uuids of live forwards, scored by when their document expires (ms). */
  readonly live: string;
  /** zset: the node's forward timers by id, scored by when they are due (ms; a claimed one by when its claim lapses). */
  readonly timers: string;
  /** hash: timer id -> the job (JSON) that carries it to a worker once due. */
  readonly timerJobs: string;
}

export interface RecordKeys {
  /** string: a call record (JSON). */
  record(callUuid: string): string;
  /** zset: call uuids by startedAt. */
  readonly byTime: string;
  byAccount(accountId: string): string;
  byOutcome(outcome: string): string;
  byAccountOutcome(accountId: string, outcome: string): string;
  /** string: a recording entry (JSON). */
  recording(callUuid: string): string;
  /** zset: recordings by startedAt. */
  readonly recordings: string;
  recordingsByAccount(accountId: string): string;
}

export interface SettingsKeys {
  /** hash: PBX connection id -> line id (forward-via overrides made at run time). */
  readonly forwardVia: string;
  /** hash: PBX connection id -> JSON { lineId, by, at } (who changed it, when). */
  readonly forwardViaChanges: string;
}

export interface Keyspace {
  readonly prefix: string;
  account(accountId: string): AccountKeys;
  node(nodeId: string): NodeKeys;
  readonly records: RecordKeys;
  readonly settings: SettingsKeys;
  /** The BullMQ prefix of one node's queues: its keys share the node's slot. */
  queuePrefix(nodeId: string): string;
}

export function createKeyspace(prefix: string): Keyspace {
  const p = checkPart('prefix', prefix);
  const rec = `${p}:{records}`;
  const set = `${p}:{settings}`;
  return {
    prefix: p,
    account(accountId) {
      const a = `${p}:{acct:${checkPart('account id', accountId)}}`;
      return {
        balance: `${a}:balance`,
        reserved: `${a}:reserved`,
        topups: `${a}:topups`,
        debits: `${a}:debits`,
        stats: `${a}:stats`,
        pendingHolds: `${a}:holds-pending`,
        holdExpiry: `${a}:holds-expiry`,
        resolvedHolds: `${a}:holds-resolved`,
        resolvedHoldsAt: `${a}:holds-resolved-at`,
        slots: `${a}:slots`,
      };
    },
    node(nodeId) {
      const n = `${p}:{node:${checkPart('node id', nodeId)}}`;
      return {
        bridged: `${n}:bridged`,
        forwardDoc: (callUuid) => `${n}:doc:${checkPart('call uuid', callUuid)}`,
        effect: (effectId) => `${n}:effect:${checkPart('effect id', effectId)}`,
        live: `${n}:live`,
        timers: `${n}:timers`,
        timerJobs: `${n}:timer-jobs`,
      };
    },
    records: {
      record: (callUuid) => `${rec}:rec:${checkPart('call uuid', callUuid)}`,
      byTime: `${rec}:by-time`,
      byAccount: (accountId) => `${rec}:by-account:${checkPart('account id', accountId)}`,
      byOutcome: (outcome) => `${rec}:by-outcome:${checkPart('outcome', outcome)}`,
      byAccountOutcome: (accountId, outcome) =>
        `${rec}:by-account-outcome:${checkPart('account id', accountId)}:${checkPart('outcome', outcome)}`,
      recording: (callUuid) => `${rec}:recording:${checkPart('call uuid', callUuid)}`,
      recordings: `${rec}:recordings`,
      recordingsByAccount: (accountId) =>
        `${rec}:recordings:by-account:${checkPart('account id', accountId)}`,
    },
    settings: {
      forwardVia: `${set}:forward-via`,
      forwardViaChanges: `${set}:forward-via-changes`,
    },
    queuePrefix: (nodeId) => `${p}:{q:${checkPart('node id', nodeId)}}`,
  };
}
