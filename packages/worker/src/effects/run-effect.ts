import { forwardEffectId, ONCE_EFFECTS, WINDOWED_EFFECTS, type ForwardEffect } from '@callfwd/domain';
import { FreeswitchError } from '@callfwd/freeswitch';
import { RetryableError } from '../errors.js';
import { MARKER_TTL_MS, NOTHING, type EffectContext, type EffectResult } from './effect-context.js';
import { runExtendHold, runHold, runPost, runReleaseSlot, runVoid } from './ledger-effects.js';
import { runBridge, runCap, runFallback, runKill, runOriginate, runRecord, runWarn } from './node-effects.js';
import { runListRecording, runSchedule, runTrackBridged, runUntrackBridged, runWriteRecord } from './store-effects.js';

/** What running an effect gave: the events it reports, and whether it is done with (may leave the outbox). */
export interface EffectRun {
  readonly events: EffectResult;
  /**
   * False when another run holds the effect's marker and its command is not known to have got
   * through: the effect stays in the outbox, so that if that run fails (and gives the marker back)
   * a later run still finds it and sends it.
   */
  readonly done: boolean;
}

/**
 * Runs one effect. Those that must reach the node at most once (originate, bridge, cap, warn,
 * record) or once per window (fallback) first take a marker in Redis: a second run finds it and
 * does nothing. The others are idempotent by their keys (the leg for money, the call for its
 * record, the timer's job id).
 */
export async function runEffect(ctx: EffectContext, effect: ForwardEffect): Promise<EffectRun> {
  if (NODE_EFFECTS.has(effect.kind) && !(await nodeUp(ctx))) {
    // Nothing was marked or sent: the job is retried with backoff and runs the effect then.
    throw new RetryableError(`node ${ctx.nodeId} is not connected`);
  }
  const windowMs = ONCE_EFFECTS.has(effect.kind) ? MARKER_TTL_MS : WINDOWED_EFFECTS.get(effect.kind);
  const id = forwardEffectId(effect);
  if (windowMs !== undefined) {
    const first = await ctx.deps.docs.markOnce(ctx.nodeId, id, windowMs);
    if (!first) return { events: NOTHING, done: (await ctx.deps.docs.markState(ctx.nodeId, id)) === 'done' };
  }
  try {
    const events = await dispatch(ctx, effect);
    if (windowMs !== undefined) await ctx.deps.docs.markDone(ctx.nodeId, id);
    return { events, done: true };
  } catch (err) {
    // The command may not have reached the node (the connection dropped, the reply timed out): the
    // marker is taken back so the retried job sends it again. The originate checks for its leg first.
    if (windowMs !== undefined && err instanceof FreeswitchError) {
      await ctx.deps.docs.unmark(ctx.nodeId, id);
      throw new RetryableError(`${effect.kind} for ${ctx.callUuid} did not get through: ${err.message}`);
    }
    throw err;
  }
}

function dispatch(ctx: EffectContext, effect: ForwardEffect): Promise<EffectResult> {
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
      return runOriginate(ctx, effect);
    case 'bridge':
      return runBridge(ctx, effect);
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
