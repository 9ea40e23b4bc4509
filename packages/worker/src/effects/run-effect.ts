import { forwardEffectId, ONCE_EFFECTS, WINDOWED_EFFECTS, type ForwardEffect } from '@callfwd/domain';
import { FreeswitchError } from '@callfwd/freeswitch';
import { RetryableError } from '../errors.js';
import { MARKER_TTL_MS, NOTHING, type EffectContext, type EffectResult } from './effect-context.js';
import { runExtendHold, runHold, runPost, runVoid } from './ledger-effects.js';
import { runBridge, runCap, runFallback, runKill, runOriginate, runRecord, runWarn } from './node-effects.js';
import { runListRecording, runSchedule, runTrackBridged, runUntrackBridged, runWriteRecord } from './store-effects.js';

/**
 * Runs one effect. Those that must reach the node at most once (originate, bridge, cap, record)
 * first take a marker in Redis: a second run finds it and does nothing. The others are idempotent
 * by their keys (the leg for money, the call for its record, the timer's job id).
 */
export async function runEffect(ctx: EffectContext, effect: ForwardEffect): Promise<EffectResult> {
  if (NODE_EFFECTS.has(effect.kind) && !(await nodeUp(ctx))) {
    // Nothing was marked or sent: the job is retried with backoff and runs the effect then.
    throw new RetryableError(`node ${ctx.nodeId} is not connected`);
  }
  const windowMs = ONCE_EFFECTS.has(effect.kind) ? MARKER_TTL_MS : WINDOWED_EFFECTS.get(effect.kind);
  if (windowMs !== undefined) {
    const first = await ctx.deps.docs.markOnce(ctx.nodeId, forwardEffectId(effect), windowMs);
    if (!first) return NOTHING;
  }
  try {
    return await dispatch(ctx, effect);
  } catch (err) {
    // The command may not have reached the node (the connection dropped, the reply timed out): the
    // marker is taken back so the retried job sends it again. The originate checks for its leg first.
    if (windowMs !== undefined && err instanceof FreeswitchError) {
      await ctx.deps.docs.unmark(ctx.nodeId, forwardEffectId(effect));
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
