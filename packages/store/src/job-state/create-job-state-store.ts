// Job state of forwards: at-least-once delivery of jobs, exactly-once effect. A forward is claimed
// under a lease; each step is a compare-and-set in Lua; a finished forward is never claimed again.
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../keys/keyspace.js';
import { replyArray, replyHash, replyInteger, replyString } from '../lua/reply.js';
import { loadScripts, runScript } from '../lua/scripts.js';
import { FORWARD_STEPS, flattenPatch, parseForwardState } from './forward-state.js';
import type { ForwardState, ForwardStep } from './forward-state.js';
import type { AdvanceResult, ClaimResult, MarkSettledResult, RenewResult } from './job-state-results.js';

export interface JobStateOptions {
  /** How long a forward's state and leg mapping live after their last write. Default (and minimum) 24 h. */
  stateTtlMs?: number;
}

export interface JobStateStore {
  claim(node: string, callUuid: string, owner: string, ttlMs: number): Promise<ClaimResult>;
  advance(
    node: string,
    callUuid: string,
    owner: string,
    expectedStep: ForwardStep,
    nextStep: ForwardStep,
    patch?: Readonly<Record<string, string>>,
  ): Promise<AdvanceResult>;
  get(node: string, callUuid: string): Promise<ForwardState | null>;
  /** Extends the owner's lease; a ttl of 0 gives the lease up so another worker may resume at once. */
  renewLease(node: string, callUuid: string, owner: string, ttlMs: number): Promise<RenewResult>;
  /** Moves the forward to 'settled' from any step, without a lease (the settle job is another job). */
  markSettled(
    node: string,
    callUuid: string,
    patch?: Readonly<Record<string, string>>,
  ): Promise<MarkSettledResult>;
  /** Maps a forwarded (outbound) leg to its inbound call. Returns false if the leg was mapped already. */
  markForwardLeg(node: string, legUuid: string, callUuid: string): Promise<boolean>;
  findByLeg(node: string, legUuid: string): Promise<string | null>;
  /** The loop guard: true if this call has a forward, or is itself a forwarded leg. */
  isForwarded(node: string, callUuid: string): Promise<boolean>;
  /**
   * Bridged legs not yet settled, per node: the worker adds a leg when it bridges it and removes it
   * when it settles it, so a listener that missed hangups while disconnected can find the legs
   * that ended meanwhile.
   */
  addBridgedLeg(node: string, leg: BridgedLeg): Promise<void>;
  removeBridgedLeg(node: string, callUuid: string, legUuid: string): Promise<void>;
  /** Oldest first (by answer time), at most `limit`. */
  listBridgedLegs(node: string, limit: number): Promise<BridgedLeg[]>;
}

export interface BridgedLeg {
  callUuid: string;
  legUuid: string;
  /** ms since the epoch. */
  answeredAt: number;
}

export const MIN_STATE_TTL_MS = 24 * 60 * 60 * 1000;

function assertTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 0)
    throw new RangeError(`a lease ttl must be an integer >= 0 ms, got ${ttlMs}`);
}

function checkUuid(id: string): string {
  if (id === '' || id.includes('/')) throw new RangeError(`invalid uuid for a bridged leg: ${JSON.stringify(id)}`);
  return id;
}

function assertStep(step: string): asserts step is ForwardStep {
  if (!(FORWARD_STEPS as readonly string[]).includes(step))
    throw new RangeError(`unknown forward step ${step}`);
}

export function createJobStateStore(
  redis: Redis | Cluster,
  prefix: string,
  opts: JobStateOptions = {},
): JobStateStore {
  const keys = createKeyspace(prefix);
  const stateTtlMs = Math.max(opts.stateTtlMs ?? MIN_STATE_TTL_MS, MIN_STATE_TTL_MS);
  loadScripts(redis, ['job-claim', 'job-advance', 'job-renew', 'job-mark-settled']);

  return {
    async claim(node, callUuid, owner, ttlMs) {
      assertTtl(ttlMs);
      if (owner === '') throw new RangeError('a claim needs an owner token');
      const reply = replyArray(
        await runScript(redis, 'job-claim', [keys.node(node).forward(callUuid)], [owner, ttlMs, stateTtlMs]),
        'job-claim',
      );
      const status = replyString(reply[0], 'job-claim');
      switch (status) {
        case 'created':
        case 'resumed':
          return {
            ok: true,
            state: parseForwardState(node, callUuid, replyHash(reply[1], 'job-claim')),
            resumed: status === 'resumed',
          };
        case 'done':
        case 'held_by_other':
          return { ok: false, reason: status };
        default:
          throw new Error(`unexpected status from job-claim: ${status}`);
      }
    },

    async advance(node, callUuid, owner, expectedStep, nextStep, patch = {}) {
      assertStep(expectedStep);
      assertStep(nextStep);
      const reply = replyArray(
        await runScript(
          redis,
          'job-advance',
          [keys.node(node).forward(callUuid)],
          [owner, expectedStep, nextStep, stateTtlMs, ...flattenPatch(patch)],
        ),
        'job-advance',
      );
      const status = replyString(reply[0], 'job-advance');
      switch (status) {
        case 'ok':
          return { ok: true, state: parseForwardState(node, callUuid, replyHash(reply[1], 'job-advance')) };
        case 'not_found':
          return { ok: false, reason: 'not_found' };
        case 'not_owner':
        case 'lease_expired':
        case 'wrong_step': {
          const step = replyString(reply[1], 'job-advance');
          assertStep(step);
          return { ok: false, reason: status, step };
        }
        default:
          throw new Error(`unexpected status from job-advance: ${status}`);
      }
    },

    async get(node, callUuid) {
      const hash = await redis.hgetall(keys.node(node).forward(callUuid));
      return Object.keys(hash).length === 0 ? null : parseForwardState(node, callUuid, hash);
    },

    async renewLease(node, callUuid, owner, ttlMs) {
      assertTtl(ttlMs);
      const reply = replyArray(
        await runScript(redis, 'job-renew', [keys.node(node).forward(callUuid)], [owner, ttlMs, stateTtlMs]),
        'job-renew',
      );
      const status = replyString(reply[0], 'job-renew');
      switch (status) {
        case 'ok':
          return { ok: true, leaseUntil: replyInteger(reply[1], 'job-renew') };
        case 'not_found':
        case 'not_owner':
        case 'done':
          return { ok: false, reason: status };
        default:
          throw new Error(`unexpected status from job-renew: ${status}`);
      }
    },

    async markSettled(node, callUuid, patch = {}) {
      const reply = replyArray(
        await runScript(
          redis,
          'job-mark-settled',
          [keys.node(node).forward(callUuid)],
          [stateTtlMs, ...flattenPatch(patch)],
        ),
        'job-mark-settled',
      );
      const status = replyString(reply[0], 'job-mark-settled');
      switch (status) {
        case 'ok':
        case 'already_settled':
          return {
            ok: true,
            state: parseForwardState(node, callUuid, replyHash(reply[1], 'job-mark-settled')),
            alreadySettled: status === 'already_settled',
          };
        case 'not_found':
          return { ok: false, reason: 'not_found' };
        default:
          throw new Error(`unexpected status from job-mark-settled: ${status}`);
      }
    },

    async markForwardLeg(node, legUuid, callUuid) {
      const reply = await redis.set(keys.node(node).leg(legUuid), callUuid, 'PX', stateTtlMs, 'NX');
      return reply === 'OK';
    },

    async findByLeg(node, legUuid) {
      return redis.get(keys.node(node).leg(legUuid));
    },

    async isForwarded(node, callUuid) {
      const k = keys.node(node);
      // Both keys carry the node's hash tag: one slot, one round trip.
      return (await redis.exists(k.forward(callUuid), k.leg(callUuid))) > 0;
    },

    async addBridgedLeg(node, leg) {
      const member = `${checkUuid(leg.callUuid)}/${checkUuid(leg.legUuid)}`;
      await redis.zadd(keys.node(node).bridged, leg.answeredAt, member);
    },

    async removeBridgedLeg(node, callUuid, legUuid) {
      await redis.zrem(keys.node(node).bridged, `${callUuid}/${legUuid}`);
    },

    async listBridgedLegs(node, limit) {
      const flat = await redis.zrange(keys.node(node).bridged, '0', String(Math.max(0, limit - 1)), 'WITHSCORES');
      const legs: BridgedLeg[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const [callUuid = '', legUuid = ''] = (flat[i] ?? '').split('/');
        legs.push({ callUuid, legUuid, answeredAt: Number(flat[i + 1]) });
      }
      return legs;
    },
  };
}
