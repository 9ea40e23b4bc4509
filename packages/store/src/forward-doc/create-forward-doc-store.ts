// The state of one forward as a versioned JSON document, saved by compare-and-set: the worker loads
// it, decides, and saves with the version it loaded; a concurrent writer makes the save a conflict.
// The store does not interpret the document (the caller validates it, with zod). Effect markers make
// an effect at-most-once; the live set lists a node's forwards for ops.
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../keys/keyspace.js';
import { replyArray, replyInteger, replyString } from '../lua/reply.js';
import { loadScripts, runScript } from '../lua/scripts.js';

export interface LoadedForwardDoc {
  /** 1 after the first save, one more per save. */
  version: number;
  doc: unknown;
  /** The outbox: effects saved with a step and not yet cleared, by effect id (values not interpreted). */
  outbox: Map<string, unknown>;
}

export interface OutboxEntry {
  /** The effect's id: saving the same id again replaces it (one entry per effect). */
  id: string;
  effect: unknown;
}

export type SaveForwardDocResult =
  /** marked: the effect ids whose markers this save took (of those asked for in `marks`). */
  | { ok: true; version: number; marked: readonly string[] }
  /** Someone saved since the caller loaded: version is the current one (0 when there is no document). */
  | { ok: false; reason: 'conflict'; version: number };

export interface SaveForwardDocOptions {
  /** The forward is over: it leaves the node's live set once its outbox is empty (default false). */
  ended?: boolean;
  /** Effects to add to the outbox with this version (atomically with it). */
  outbox?: readonly OutboxEntry[];
  /** Timers to schedule with this version (atomically with it); an id already scheduled keeps its first due time. */
  timers?: readonly ForwardTimerEntry[];
  /** Timers of the forward that are moot (it is over): they go with this version, due or claimed. */
  dropTimers?: readonly string[];
  /**
   * At-most-once markers to take with this version for the run that will run these effects (as
   * `markOnce` would, with the same token, window and lease), where the effect has no marker yet:
   * the effect's first run needs no round trip of its own for it. `marked` in the result lists them.
   */
  marks?: readonly { effectId: string; token: string; windowMs: number; leaseMs: number }[];
}

/** One timer of a forward: when it is due, the pump queues `job` under the id `id` (a BullMQ job id). */
export interface ForwardTimerEntry {
  id: string;
  /** Due (ms since the epoch). */
  at: number;
  job: object;
}

/** Timers a pump run claimed: queue each job, then acknowledge them with `lease`. */
export interface ClaimedTimers {
  /** The claim lapses then (ms since the epoch, Redis time): unacknowledged timers come due again. */
  lease: number;
  /** The jobs as stored (JSON parsed, not validated: the caller validates them). */
  timers: { id: string; job: unknown }[];
}

export interface LiveForward {
  callUuid: string;
  /** When its document expires unless saved again (ms since the epoch, Redis time). */
  expiresAt: number;
}

export interface ForwardDocStore {
  load(node: string, callUuid: string): Promise<LoadedForwardDoc | null>;
  /**
   * Compare-and-set on the version: expectedVersion 0 creates only if absent. The ttl restarts on
   * each save; an ended forward with an empty outbox is kept for the store's endedTtlMs instead.
   */
  save(
    node: string,
    callUuid: string,
    expectedVersion: number,
    doc: unknown,
    ttlMs: number,
    options?: SaveForwardDocOptions,
  ): Promise<SaveForwardDocResult>;
  /** Takes effects that ran out of the outbox (one round trip, no compare-and-set); returns how many were there. */
  clearOutbox(node: string, callUuid: string, effectIds: readonly string[]): Promise<number>;
  /**
   * Takes the effect's at-most-once marker for this run (`token`, unique per run), with a lease of
   * leaseMs the holder renews while its command is on the way (`renewMark`). The marker is part of
   * the forward's document and goes with it; windowMs 0 marks the effect once for the forward's
   * life, more once per window. `first`: ours (also when a retried call finds its own token);
   * `taken_over`: the previous holder's lease ran out (it died or stopped) and its command may or
   * may not have reached the node; `held`: a live run holds it; `done`: its command got through.
   */
  markOnce(node: string, callUuid: string, effectId: string, token: string, windowMs: number, leaseMs: number): Promise<MarkResult>;
  /** Renews this run's lease; false when the marker is no longer ours (taken over, done, gone). */
  renewMark(node: string, callUuid: string, effectId: string, token: string, leaseMs: number): Promise<boolean>;
  /** The marked effect got through (its command was answered): the marker says so, its window unchanged. */
  markDone(node: string, callUuid: string, effectId: string): Promise<void>;
  /** What the marker says: `done` (it got through), `running` (taken, not known to have got through), or null. */
  markState(node: string, callUuid: string, effectId: string): Promise<'done' | 'running' | null>;
  /** Gives this run's marker back (the effect is known not to have happened); a marker another run holds stays. */
  unmark(node: string, callUuid: string, effectId: string, token: string): Promise<boolean>;
  /** Live forwards of the node, soonest expiry first, at most limit. */
  listLive(node: string, limit: number): Promise<LiveForward[]>;
  /** Schedules timers outside a save (an id already scheduled keeps its first due time). */
  addTimers(node: string, timers: readonly ForwardTimerEntry[]): Promise<void>;
  /** Claims at most `limit` of the node's due timers for `leaseMs` (see ClaimedTimers). */
  claimDueTimers(node: string, limit: number, leaseMs: number): Promise<ClaimedTimers>;
  /** The claimed timers' jobs are queued: they go (those claimed again since, after a lapse, stay). Returns how many went. */
  ackTimers(node: string, lease: number, ids: readonly string[]): Promise<number>;
  /** How many timers the node has scheduled (due, claimed or later). */
  countTimers(node: string): Promise<number>;
}

/** What taking a marker gave (see `markOnce`). */
export type MarkResult = 'first' | 'taken_over' | 'held' | 'done';

/** Marker values (effect-mark.lua): `1:<token>:<lease until>:<window until>` (taken: the effect may be on its way), `done:<window until>`. */
const MARKER_FIELD = 'm:';
/** A hash that a marker would create (the document expired under a run): it lives this long. */
const ORPHAN_MARKER_TTL_MS = 60 * 60 * 1000;
const MARK_RESULTS: ReadonlySet<string> = new Set<MarkResult>(['first', 'taken_over', 'held', 'done']);
const TOKEN = /^[A-Za-z0-9-]{1,64}$/;

const EFFECT_ID = /^[A-Za-z0-9:_.-]{1,200}$/;

function checkEffectId(effectId: string): string {
  if (!EFFECT_ID.test(effectId)) throw new RangeError(`an effect id is 1-200 letters, digits or ':_.-', got ${JSON.stringify(effectId)}`);
  return effectId;
}

/** A timer id is a BullMQ job id: no ':' (and never an integer: it always has letters). */
const TIMER_ID = /^[A-Za-z0-9_.-]{1,200}$/;

function timerArgs(timers: readonly ForwardTimerEntry[]): string[] {
  const args: string[] = [];
  for (const timer of timers) {
    checkTimerId(timer.id);
    if (!Number.isSafeInteger(timer.at) || timer.at < 0) throw new RangeError(`a timer is due at an integer ms >= 0, got ${timer.at}`);
    args.push(timer.id, String(timer.at), JSON.stringify(timer.job));
  }
  return args;
}

function checkTimerId(id: string): string {
  if (!TIMER_ID.test(id) || /^\d+$/.test(id)) throw new RangeError(`a timer id is 1-200 letters, digits or '_.-' (not only digits), got ${JSON.stringify(id)}`);
  return id;
}

function assertToken(token: string): void {
  if (!TOKEN.test(token)) throw new RangeError(`a marker token is 1-64 letters, digits or '-', got ${JSON.stringify(token)}`);
}

/** The hash field prefix of an outbox entry. */
const OUTBOX_FIELD = 'o:';

function assertPositive(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
}

export interface ForwardDocStoreOptions {
  /**
   * How long a forward's document (with its markers) is kept once the forward is over and its outbox
   * empty: longer than any redelivery of one of its jobs (retries, a stalled job, a Redis outage),
   * which then finds it over. Default 5 minutes.
   */
  endedTtlMs?: number;
}

/** See ForwardDocStoreOptions.endedTtlMs. */
export const ENDED_DOC_TTL_MS = 5 * 60 * 1000;

export function createForwardDocStore(redis: Redis | Cluster, prefix: string, options: ForwardDocStoreOptions = {}): ForwardDocStore {
  const endedTtlMs = options.endedTtlMs ?? ENDED_DOC_TTL_MS;
  assertPositive('endedTtlMs', endedTtlMs);
  const keys = createKeyspace(prefix);
  loadScripts(redis, ['forward-doc-save', 'forward-doc-clear', 'forward-live-list', 'effect-mark', 'effect-mark-renew', 'effect-mark-done', 'effect-unmark', 'timers-add', 'timers-claim', 'timers-ack']);

  return {
    async load(node, callUuid) {
      const fields = await redis.hgetall(keys.node(node).forwardDoc(callUuid));
      const { version, doc } = fields;
      if (version === undefined || doc === undefined) return null;
      const outbox = new Map<string, unknown>();
      for (const [field, value] of Object.entries(fields)) {
        if (field.startsWith(OUTBOX_FIELD)) outbox.set(field.slice(OUTBOX_FIELD.length), JSON.parse(value) as unknown);
      }
      return { version: replyInteger(version, 'load'), doc: JSON.parse(doc) as unknown, outbox };
    },

    async save(node, callUuid, expectedVersion, doc, ttlMs, options = {}) {
      if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)
        throw new RangeError(`expectedVersion must be an integer >= 0, got ${expectedVersion}`);
      assertPositive('ttlMs', ttlMs);
      const json = JSON.stringify(doc) as string | undefined;
      if (json === undefined) throw new RangeError('a forward document must be JSON (got undefined)');
      const k = keys.node(node);
      const entries: string[] = [];
      for (const entry of options.outbox ?? []) {
        if (entry.id === '') throw new RangeError('an outbox entry needs an id');
        entries.push(entry.id, JSON.stringify(entry.effect));
      }
      const timers = timerArgs(options.timers ?? []);
      const drops = (options.dropTimers ?? []).map(checkTimerId);
      const marks: (string | number)[] = [];
      for (const mark of options.marks ?? []) {
        if (!Number.isSafeInteger(mark.windowMs) || mark.windowMs < 0) throw new RangeError(`windowMs must be an integer >= 0, got ${mark.windowMs}`);
        assertPositive('leaseMs', mark.leaseMs);
        assertToken(mark.token);
        marks.push(checkEffectId(mark.effectId), mark.token, mark.windowMs, mark.leaseMs);
      }
      const reply = replyArray(
        await runScript(
          redis,
          'forward-doc-save',
          [k.forwardDoc(callUuid), k.live, k.timers, k.timerJobs],
          [
            expectedVersion, json, ttlMs, options.ended === true ? '1' : '0', callUuid, endedTtlMs,
            entries.length / 2, ...entries, timers.length / 3, ...timers, drops.length, ...drops, marks.length / 4, ...marks,
          ],
        ),
        'forward-doc-save',
      );
      const status = replyString(reply[0], 'forward-doc-save');
      const version = replyInteger(reply[1], 'forward-doc-save');
      switch (status) {
        case 'ok':
          return { ok: true, version, marked: reply.slice(2).map((id) => replyString(id, 'forward-doc-save')) };
        case 'conflict':
          return { ok: false, reason: 'conflict', version };
        default:
          throw new Error(`unexpected status from forward-doc-save: ${status}`);
      }
    },

    async clearOutbox(node, callUuid, effectIds) {
      if (effectIds.length === 0) return 0;
      const k = keys.node(node);
      return replyInteger(await runScript(redis, 'forward-doc-clear', [k.forwardDoc(callUuid), k.live], [callUuid, endedTtlMs, ...effectIds]), 'forward-doc-clear');
    },

    async markOnce(node, callUuid, effectId, token, windowMs, leaseMs) {
      if (!Number.isSafeInteger(windowMs) || windowMs < 0) throw new RangeError(`windowMs must be an integer >= 0, got ${windowMs}`);
      assertPositive('leaseMs', leaseMs);
      assertToken(token);
      // The token makes a resent call (ioredis sends an unanswered command again after a reconnect)
      // find its own marker and say `first`, not `held`.
      const reply = replyString(
        await runScript(redis, 'effect-mark', [keys.node(node).forwardDoc(callUuid)], [checkEffectId(effectId), token, windowMs, leaseMs, ORPHAN_MARKER_TTL_MS]),
        'effect-mark',
      );
      if (!MARK_RESULTS.has(reply)) throw new Error(`unexpected reply from effect-mark: ${reply}`);
      return reply as MarkResult;
    },

    async renewMark(node, callUuid, effectId, token, leaseMs) {
      assertPositive('leaseMs', leaseMs);
      assertToken(token);
      const reply = await runScript(redis, 'effect-mark-renew', [keys.node(node).forwardDoc(callUuid)], [checkEffectId(effectId), token, leaseMs]);
      return replyInteger(reply, 'effect-mark-renew') === 1;
    },

    async markDone(node, callUuid, effectId) {
      await runScript(redis, 'effect-mark-done', [keys.node(node).forwardDoc(callUuid)], [checkEffectId(effectId)]);
    },

    async markState(node, callUuid, effectId) {
      const value = await redis.hget(keys.node(node).forwardDoc(callUuid), MARKER_FIELD + checkEffectId(effectId));
      if (value === null) return null;
      const windowUntil = Number(value.slice(value.lastIndexOf(':') + 1));
      if (windowUntil !== 0 && windowUntil < Date.now()) return null;
      return value.startsWith('done:') ? 'done' : 'running';
    },

    async unmark(node, callUuid, effectId, token) {
      assertToken(token);
      const reply = await runScript(redis, 'effect-unmark', [keys.node(node).forwardDoc(callUuid)], [checkEffectId(effectId), token]);
      return replyInteger(reply, 'effect-unmark') === 1;
    },

    async listLive(node, limit) {
      assertPositive('limit', limit);
      const flat = replyArray(
        await runScript(redis, 'forward-live-list', [keys.node(node).live], [limit]),
        'forward-live-list',
      );
      const live: LiveForward[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        live.push({
          callUuid: replyString(flat[i], 'forward-live-list'),
          expiresAt: replyInteger(flat[i + 1], 'forward-live-list'),
        });
      }
      return live;
    },

    async addTimers(node, timers) {
      if (timers.length === 0) return;
      const k = keys.node(node);
      await runScript(redis, 'timers-add', [k.timers, k.timerJobs], timerArgs(timers));
    },

    async claimDueTimers(node, limit, leaseMs) {
      assertPositive('limit', limit);
      assertPositive('leaseMs', leaseMs);
      const k = keys.node(node);
      const flat = replyArray(await runScript(redis, 'timers-claim', [k.timers, k.timerJobs], [limit, leaseMs]), 'timers-claim');
      const lease = replyInteger(flat[0], 'timers-claim');
      const timers: ClaimedTimers['timers'] = [];
      for (let i = 1; i + 1 < flat.length; i += 2) {
        const id = replyString(flat[i], 'timers-claim');
        const text = replyString(flat[i + 1], 'timers-claim');
        let job: unknown;
        try {
          job = JSON.parse(text) as unknown;
        } catch {
          job = text;
        }
        timers.push({ id, job });
      }
      return { lease, timers };
    },

    async ackTimers(node, lease, ids) {
      if (ids.length === 0) return 0;
      if (!Number.isSafeInteger(lease) || lease < 0) throw new RangeError(`a claim's lease is an integer ms >= 0, got ${lease}`);
      const k = keys.node(node);
      return replyInteger(await runScript(redis, 'timers-ack', [k.timers, k.timerJobs], [lease, ...ids.map(checkTimerId)]), 'timers-ack');
    },

    async countTimers(node) {
      return redis.zcard(keys.node(node).timers);
    },
  };
}
