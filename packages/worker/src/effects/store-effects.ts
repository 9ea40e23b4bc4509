import { forwardJobId, type ForwardEffect, type ForwardEvent } from '@callfwd/domain';
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

/** A timer is a delayed job on the node's queue, its id derived from the timer: scheduling twice makes one. */
export async function runSchedule(ctx: EffectContext, e: Of<'schedule'>): Promise<EffectResult> {
  const event: ForwardEvent = { kind: 'timer', timer: e.timer, legUuid: e.legUuid, slice: e.slice };
  const delayMs = Math.max(0, Math.round(e.at - ctx.deps.now()));
  await ctx.deps.queues.addForwardJob(
    ctx.nodeId,
    forwardJobId(ctx.nodeId, ctx.callUuid, event),
    { v: 2, node: ctx.nodeId, callUuid: ctx.callUuid, event },
    { delayMs },
  );
  return NOTHING;
}
