import { BadCommandInput, FreeswitchError } from '@callfwd/freeswitch';
import type { ForwardEffect } from '@callfwd/domain';
import { NOTHING, type EffectContext, type EffectResult } from './effect-context.js';

type Of<K extends ForwardEffect['kind']> = Extract<ForwardEffect, { kind: K }>;

/** Ours alone (never a bare uuid, which FreeSWITCH uses for its own tasks of the channel). */
export function capGroup(legUuid: string, slice: number): string {
  return `cf-cap-${legUuid}-${slice}`;
}

/**
 * `bgapi originate` with our Job-UUID: returns at the node's command reply; the phone's answer is an
 * event. A run that took the marker over from a dead one never sends it: the dead run may have
 * written it, and its leg may have rung and ended already (`uuid_exists` false then proves nothing;
 * worker-killed found a target rung twice that way). A leg that never rang is ended by its ring
 * timeout, and the next target, line or the fallback comes then.
 */
export async function runOriginate(ctx: EffectContext, e: Of<'originate'>, takenOver: boolean): Promise<EffectResult> {
  if (takenOver) {
    ctx.log.warn({ legUuid: e.legUuid }, 'originate of a run that died: not sent again; the ring timeout ends the leg if it never rings');
    return NOTHING;
  }
  try {
    const sent = await ctx.node.sendOriginate({ legUuid: e.legUuid, jobUuid: e.jobUuid, dialString: e.dialString, variables: e.variables });
    if (sent.ok) {
      ctx.log.info({ legUuid: e.legUuid, line: e.variables.callfwd_line }, 'originate sent');
      return NOTHING;
    }
    return [{ kind: 'originate_result', legUuid: e.legUuid, ok: false, cause: 'COMMAND_REJECTED' }];
  } catch (err) {
    if (err instanceof BadCommandInput) {
      ctx.log.error({ err: err.message, legUuid: e.legUuid }, 'originate refused by the command layer');
      return [{ kind: 'originate_result', legUuid: e.legUuid, ok: false, cause: 'BAD_INPUT' }];
    }
    // Not written: runEffect gives the marker back and the retried job sends it.
    if (err instanceof FreeswitchError && err.unsent) throw err;
    // Written, its reply lost (a timeout, a connection cut): the node may run it, even much later
    // (a slow node runs its commands in order, and uuid_exists says false until then). It is never
    // sent again: its leg's events or BACKGROUND_JOB come if it ran, and the ring timeout ends a
    // leg that never rings.
    ctx.log.warn({ err: (err as Error).message, legUuid: e.legUuid }, 'originate reply lost: not sent again; the ring timeout ends the leg if it never rings');
    return NOTHING;
  }
}

/**
 * Pre-answer the parked caller (a never-answered parked leg must be, or uuid_bridge drops both), then
 * bridge. A run that took the marker over from a dead one first asks whether the two are bridged.
 */
export async function runBridge(ctx: EffectContext, e: Of<'bridge'>, takenOver: boolean): Promise<EffectResult> {
  if (takenOver) {
    const partner = await ctx.node.readVar(e.legUuid, 'bridge_uuid');
    if (partner.kind === 'value' && partner.value === e.callUuid) {
      ctx.log.info({ legUuid: e.legUuid }, 'bridge of a run that died had arrived: not sent again');
      return NOTHING;
    }
  }
  const pre = await ctx.node.preAnswer(e.callUuid);
  const bridged = pre.ok ? await ctx.node.bridge(e.callUuid, e.legUuid) : pre;
  if (bridged.ok) return NOTHING;
  ctx.log.info({ legUuid: e.legUuid, error: bridged.error }, 'bridge refused');
  return [{ kind: 'bridge_failed', legUuid: e.legUuid, error: bridged.error.slice(0, 256) }];
}

/** The call's end at what the credit covers, as a task of its own group, replacing the previous slice's. */
export async function runCap(ctx: EffectContext, e: Of<'cap'>): Promise<EffectResult> {
  const added = await ctx.node.schedKill(e.legUuid, e.seconds, 'ALLOTTED_TIMEOUT', capGroup(e.legUuid, e.slice));
  if (!added.ok) {
    ctx.log.warn({ legUuid: e.legUuid, error: added.error }, 'could not cap the call length');
    return NOTHING;
  }
  // Added before the old one goes: a crash in between leaves the earlier cap, which ends the call early, never late.
  if (e.replaces !== null) await ctx.node.schedDel(capGroup(e.legUuid, e.replaces));
  return NOTHING;
}

/** Rule 12: the low-balance tone to both parties, as a task the node runs on time. */
export async function runWarn(ctx: EffectContext, e: Of<'warn'>): Promise<EffectResult> {
  const added = await ctx.node.schedBroadcast(e.legUuid, e.seconds, e.sound, `cf-warn-${e.legUuid}-${e.slice}`);
  if (!added.ok) ctx.log.warn({ legUuid: e.legUuid, error: added.error }, 'could not schedule the low-balance tone');
  return NOTHING;
}

export async function runRecord(ctx: EffectContext, e: Of<'record'>): Promise<EffectResult> {
  await ctx.node.setVar(e.callUuid, 'RECORD_STEREO', 'true');
  const started = await ctx.node.record(e.callUuid, 'start', e.path);
  if (started.ok) return NOTHING;
  ctx.log.warn({ error: started.error }, 'recording did not start');
  return [{ kind: 'recording_failed', error: started.error.slice(0, 256) }];
}

export async function runKill(ctx: EffectContext, e: Of<'kill'>): Promise<EffectResult> {
  const killed = await ctx.node.kill(e.uuid, e.cause);
  if (!killed.ok && killed.reason !== 'no_such_channel') ctx.log.warn({ uuid: e.uuid, error: killed.error }, 'kill refused');
  return NOTHING;
}

/** The caller gets the fallback, only while the call is still parked (never twice, never over a bridge). */
export async function runFallback(ctx: EffectContext, e: Of<'fallback'>): Promise<EffectResult> {
  const application = await ctx.node.readVar(e.callUuid, 'current_application');
  if (application.kind === 'no_such_channel') {
    ctx.log.info('caller gone before the fallback');
    return NOTHING;
  }
  if (application.kind === 'value' && application.value !== 'park') {
    ctx.log.info({ application: application.value }, 'not parked: no fallback');
    return NOTHING;
  }
  const reply = await ctx.node.transfer(e.callUuid, e.plan);
  if (reply.ok) ctx.log.info({ fallback: e.plan.fallback }, 'caller sent to the fallback');
  else ctx.log.warn({ error: reply.error }, 'fallback transfer refused');
  return NOTHING;
}
