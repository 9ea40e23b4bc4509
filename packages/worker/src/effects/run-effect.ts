import { forwardEffectId, ONCE_EFFECTS, WINDOWED_EFFECTS, type ForwardEffect } from '@callfwd/domain';
import { FreeswitchError } from '@callfwd/freeswitch';
import { RetryableError } from '../errors.js';
import { NOTHING, type EffectContext, type EffectResult } from './effect-context.js';
import { runExtendHold, runHold, runPost, runReleaseSlot, runVoid } from './ledger-effects.js';
import { runBridge, runCap, runFallback, runKill, runOriginate, runRecord, runWarn } from './node-effects.js';
import { runListRecording, runSchedule, runTrackBridged, runUntrackBridged, runWriteRecord } from './store-effects.js';

/** What running an effect gave: the events it reports, and whether it is done with (may leave the outbox). */
export interface EffectRun {
  readonly events: EffectResult;
  /** True once the effect is done with: it ran, or its marker says another run got it through. */
  readonly done: boolean;
}

/**
 * Runs one effect. Those that must reach the node at most once (originate, bridge, cap, warn,
 * record) or once per window (fallback) first take a marker in Redis, leased to this run and
 * renewed while its command is on the way. A run that finds the marker held by a live run waits
 * for it (at most a lease): `done` ends the wait, a marker given back is taken. A holder that died
 * stops renewing: after one lease the marker is taken over, and the effect sent unless the node
 * shows it arrived (the bridge's leg bridged to the caller) — but never an originate, which the
 * dead run may have placed (`runOriginate`). The other effects are idempotent by their keys
 * (the leg for money, the call for its record, the timer's job id).
 */
export async function runEffect(ctx: EffectContext, effect: ForwardEffect, premarked?: string): Promise<EffectRun> {
  if (NODE_EFFECTS.has(effect.kind) && !(await nodeUp(ctx))) {
    // Nothing was sent (a marker the save took for this run is given back): the job is retried with backoff and runs the effect then.
    if (premarked !== undefined) await ctx.deps.docs.unmark(ctx.nodeId, ctx.callUuid, forwardEffectId(effect), premarked);
    throw new RetryableError(`node ${ctx.nodeId} is not connected`);
  }
  // 0: once for the forward's life (the marker is part of its document).
  const windowMs = ONCE_EFFECTS.has(effect.kind) ? 0 : WINDOWED_EFFECTS.get(effect.kind);
  if (windowMs === undefined) return { events: await dispatch(ctx, effect, false), done: true };
  const id = forwardEffectId(effect);
  // `premarked`: the save that stored the effect took its marker for this run (applyEvent), with this token.
  const token = premarked ?? ctx.deps.newUuid();
  const leaseMs = markerLeaseMs(ctx.deps.config);
  const mark = premarked !== undefined ? 'first' : await takeMarker(ctx, id, token, windowMs, leaseMs);
  if (mark === 'done') return { events: NOTHING, done: true };
  if (mark === 'taken_over') ctx.log.warn({ effect: effect.kind, id }, 'marker taken over from a run whose lease ran out');
  const renewal = setInterval(() => {
    ctx.deps.docs.renewMark(ctx.nodeId, ctx.callUuid, id, token, leaseMs).catch(() => undefined);
  }, Math.max(100, Math.floor(leaseMs / 3)));
  // The renewal never keeps a process up on its own: a drained worker exits with its last job.
  renewal.unref();
  try {
    const events = await dispatch(ctx, effect, mark === 'taken_over');
    await ctx.deps.docs.markDone(ctx.nodeId, ctx.callUuid, id);
    return { events, done: true };
  } catch (err) {
    // The command was not written (the connection was down) or may not have reached the node: the
    // marker is given back so the retried job sends it again. An originate that may have been
    // written is not given back (`runOriginate`): a second one could ring the target twice.
    if (err instanceof FreeswitchError) {
      await ctx.deps.docs.unmark(ctx.nodeId, ctx.callUuid, id, token);
      throw new RetryableError(`${effect.kind} for ${ctx.callUuid} did not get through: ${err.message}`);
    }
    throw err;
  } finally {
    clearInterval(renewal);
  }
}

/** The marker's lease: as long as a job's lock, so a dead holder's effect is free by the time its job is found stalled. */
export function markerLeaseMs(config: EffectContext['deps']['config']): number {
  return config.worker.lockDurationMs;
}

const MARK_POLL_MS = 100;

/** Takes the marker, waiting while a live run holds it: never longer than its lease can last unrenewed. */
async function takeMarker(ctx: EffectContext, id: string, token: string, windowMs: number, leaseMs: number): Promise<'first' | 'taken_over' | 'done'> {
  const deadline = ctx.deps.now() + leaseMs + MARK_POLL_MS * 5;
  for (;;) {
    const mark = await ctx.deps.docs.markOnce(ctx.nodeId, ctx.callUuid, id, token, windowMs, leaseMs);
    if (mark !== 'held') return mark;
    if (ctx.deps.now() >= deadline) throw new RetryableError(`${id}: its marker is held by a run that keeps renewing it`);
    await new Promise((resolve) => setTimeout(resolve, MARK_POLL_MS));
  }
}

/** `takenOver`: a run that died held the effect's marker, and its command may have reached the node. */
function dispatch(ctx: EffectContext, effect: ForwardEffect, takenOver: boolean): Promise<EffectResult> {
  switch (effect.kind) {
    case 'hold':
      return runHold(ctx, effect);
    case 'extend_hold':
      return runExtendHold(ctx, effect);
    case 'post':
      return runPost(ctx, effect);
    case 'void':
      return runVoid(ctx, effect);
    case 'release_slot':
      return runReleaseSlot(ctx, effect);
    case 'originate':
      return runOriginate(ctx, effect, takenOver);
    case 'bridge':
      return runBridge(ctx, effect, takenOver);
    case 'cap':
      return runCap(ctx, effect);
    case 'warn':
      return runWarn(ctx, effect);
    case 'record':
      return runRecord(ctx, effect);
    case 'kill':
      return runKill(ctx, effect);
    case 'fallback':
      return runFallback(ctx, effect);
    case 'write_record':
      return runWriteRecord(ctx, effect);
    case 'list_recording':
      return runListRecording(ctx, effect);
    case 'track_bridged':
      return runTrackBridged(ctx, effect);
    case 'untrack_bridged':
      return runUntrackBridged(ctx, effect);
    case 'schedule':
      return runSchedule(ctx, effect);
  }
}

const NODE_EFFECTS: ReadonlySet<ForwardEffect['kind']> = new Set(['originate', 'bridge', 'cap', 'record', 'kill', 'fallback']);
const NODE_POLL_MS = 100;

/** A node that is reconnecting gets one command timeout before the effect is given up for this attempt. */
async function nodeUp(ctx: EffectContext): Promise<boolean> {
  const deadline = ctx.deps.now() + ctx.deps.config.worker.commandTimeoutMs;
  while (!ctx.node.isUp()) {
    if (ctx.deps.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, NODE_POLL_MS));
  }
  return true;
}
