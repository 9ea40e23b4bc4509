import type { ForwardEffect } from '@callfwd/domain';
import { timerEntry } from '../forward/timer-entry.js';
import { NOTHING, type EffectContext, type EffectResult } from './effect-context.js';

type Of<K extends ForwardEffect['kind']> = Extract<ForwardEffect, { kind: K }>;

export async function runWriteRecord(ctx: EffectContext, e: Of<'write_record'>): Promise<EffectResult> {
  const { written } = await ctx.deps.records.put(e.record);
  // Appended on a repeat too (the first run may have died before it): PostgreSQL keeps one row.
  const outbox = ctx.deps.recordsOutbox;
  if (outbox !== undefined) await outbox.append(outbox.keys.records, { kind: 'record', data: e.record });
  if (written) {
    ctx.deps.metrics.forwardOutcomes.inc({ outcome: e.record.outcome, node: ctx.nodeId, connection: e.record.connection, line: e.record.viaLine ?? '' });
    ctx.log.info({ outcome: e.record.outcome, cost: e.record.cost, billedSeconds: e.record.billedSeconds }, 'forward recorded');
  }
  return NOTHING;
}

export async function runListRecording(ctx: EffectContext, e: Of<'list_recording'>): Promise<EffectResult> {
  const recording = { callUuid: e.callUuid, file: e.file, account: e.account, startedAt: e.startedAt, seconds: e.seconds };
  await ctx.deps.recordings.add(recording);
  const outbox = ctx.deps.recordsOutbox;
  if (outbox !== undefined) await outbox.append(outbox.keys.records, { kind: 'recording', data: recording });
  return NOTHING;
}

export async function runTrackBridged(ctx: EffectContext, e: Of<'track_bridged'>): Promise<EffectResult> {
  await ctx.deps.bridgedLegs.addBridgedLeg(ctx.nodeId, { callUuid: ctx.callUuid, legUuid: e.legUuid, answeredAt: e.answeredAt });
  return NOTHING;
}

export async function runUntrackBridged(ctx: EffectContext, e: Of<'untrack_bridged'>): Promise<EffectResult> {
  await ctx.deps.bridgedLegs.removeBridgedLeg(ctx.nodeId, ctx.callUuid, e.legUuid);
  return NOTHING;
}

/**
 * A timer left in the outbox by an older worker's step (timers are now written with the state):
 * scheduled on the node's timer set, which makes one of an id scheduled twice.
 */
export async function runSchedule(ctx: EffectContext, e: Of<'schedule'>): Promise<EffectResult> {
  await ctx.deps.docs.addTimers(ctx.nodeId, [timerEntry(ctx.nodeId, ctx.callUuid, e)]);
  return NOTHING;
}
