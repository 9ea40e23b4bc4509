import type { FallbackPlan } from '../routing/plan-fallback.js';
import type { CallRecord } from '../records/call-record.js';
import type { ForwardTimer } from './forward-event.js';

/**
 * What the forward asks of the world. The worker runs each; running one twice does nothing more:
 * ledger effects are keyed by the hold id (the leg), node commands that must not repeat
 * (originate, bridge, cap, warn, record) are sent at most once (`once`), the rest are idempotent.
 * Effects whose result the forward needs (credit, a refused command) report it as an event.
 */
export type ForwardEffect =
  /** Hold the first credit slice: up to `amount`, at least `minAmount`. Reports credit_held / credit_refused. */
  | {
      kind: 'hold';
      account: string;
      legUuid: string;
      amount: number;
      minAmount: number;
      expiresAt: number;
      /** Rule 11: also take the call's concurrent-forward slot of the account (null: no limit). */
      slot: { callUuid: string; limit: number; expiresAt: number } | null;
    }
  /** The forward ended: give back the call's concurrent-forward slot of the account. */
  | { kind: 'release_slot'; account: string; callUuid: string }
  /** Reserve the next slice (partial allowed). Reports credit_extended. */
  | { kind: 'extend_hold'; account: string; legUuid: string; slice: number; amount: number; expiresAt: number }
  /** `bgapi originate` with our Job-UUID; never waits for the phone. A refused command reports originate_result. */
  | {
      kind: 'originate';
      legUuid: string;
      jobUuid: string;
      dialString: string;
      variables: Readonly<Record<string, string>>;
    }
  /** uuid_pre_answer the parked caller, then uuid_bridge it to the leg. -ERR reports bridge_failed. */
  | { kind: 'bridge'; callUuid: string; legUuid: string }
  /** End the leg `seconds` from now (ALLOTTED_TIMEOUT); replaces the cap of `replaces` (a slice), if any. */
  | { kind: 'cap'; legUuid: string; slice: number; seconds: number; replaces: number | null }
  /** Rule 12: `seconds` from now both parties hear `sound` (a call about to be cut for lack of credit). */
  | { kind: 'warn'; legUuid: string; slice: number; seconds: number; sound: string }
  /** Start recording the caller's channel (stereo) once the target answered. */
  | { kind: 'record'; callUuid: string; path: string }
  | { kind: 'kill'; uuid: string; cause: string }
  /** Send the caller to the fallback, only while the call is still parked. */
  | { kind: 'fallback'; callUuid: string; plan: FallbackPlan }
  /** Resolve the hold by posting the cost (the rest returns); exactly once per leg. */
  | { kind: 'post'; account: string; legUuid: string; cost: number; at: number; billsec: number; callUuid: string }
  | { kind: 'void'; account: string; legUuid: string }
  | { kind: 'write_record'; record: CallRecord }
  | { kind: 'list_recording'; callUuid: string; file: string; account: string; startedAt: number; seconds: number }
  /** Bridged legs are listed until they end, so a hangup missed while no listener ran is still settled. */
  | { kind: 'track_bridged'; legUuid: string; answeredAt: number }
  | { kind: 'untrack_bridged'; legUuid: string }
  | { kind: 'schedule'; timer: ForwardTimer; legUuid: string | null; slice: number; at: number };

export type ForwardEffectKind = ForwardEffect['kind'];

/** Effects that must reach the node at most once: a repeat would ring a phone twice or cut a call early. */
export const ONCE_EFFECTS: ReadonlySet<ForwardEffectKind> = new Set(['originate', 'bridge', 'cap', 'record', 'warn']);

/**
 * Effects run by one worker at a time within a window (a marker that expires): two jobs of one
 * forward that both find the effect pending do not both run it, and a worker that died while
 * running it leaves it to the next run once the window has passed. The effect checks the node
 * first (the fallback only while the caller is still parked), so a late second run does nothing.
 */
export const WINDOWED_EFFECTS: ReadonlyMap<ForwardEffectKind, number> = new Map([['fallback', 30_000]]);

/** A stable id per effect: the key of its at-most-once marker and of the worker's outbox. */
export function forwardEffectId(effect: ForwardEffect): string {
  switch (effect.kind) {
    case 'hold':
    case 'originate':
    case 'bridge':
    case 'post':
    case 'void':
    case 'track_bridged':
    case 'untrack_bridged':
      return `${effect.kind}:${effect.legUuid}`;
    case 'extend_hold':
    case 'cap':
    case 'warn':
      return `${effect.kind}:${effect.legUuid}:${effect.slice}`;
    case 'record':
    case 'fallback':
    case 'list_recording':
      return `${effect.kind}:${effect.callUuid}`;
    case 'kill':
      return `kill:${effect.uuid}:${effect.cause}`;
    case 'release_slot':
      return `release_slot:${effect.account}:${effect.callUuid}`;
    case 'write_record':
      return `write_record:${effect.record.callUuid}`;
    case 'schedule':
      return `schedule:${effect.timer}:${effect.legUuid ?? '-'}:${effect.slice}`;
  }
}

const EFFECT_KINDS: Readonly<Record<ForwardEffectKind, true>> = {
  hold: true,
  extend_hold: true,
  originate: true,
  bridge: true,
  cap: true,
  warn: true,
  record: true,
  kill: true,
  release_slot: true,
  fallback: true,
  post: true,
  void: true,
  write_record: true,
  list_recording: true,
  track_bridged: true,
  untrack_bridged: true,
  schedule: true,
};

/** Every effect kind (the README's effect table is checked against it). */
export const FORWARD_EFFECT_KINDS: readonly ForwardEffectKind[] = Object.freeze(Object.keys(EFFECT_KINDS) as ForwardEffectKind[]);
