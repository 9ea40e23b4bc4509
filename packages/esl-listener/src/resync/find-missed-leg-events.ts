import { ForwardStateSchema, type ForwardEvent, type ForwardLeg } from '@callfwd/domain';
import type { ChannelRow, NodeConnection } from '@callfwd/freeswitch';
import type { ForwardDocStore } from '@callfwd/store';
import type { Logger } from '@callfwd/telemetry';
import { forwardJob, type NewForwardJob } from '../events/forward-job-result.js';
import { HANGUP_NOT_SEEN } from './find-unseen-hangups.js';

const MAX_FORWARDS = 10_000;
/**
 * A leg placed this recently may not be listed yet: a real node lists a channel 20-90 ms after its
 * CHANNEL_CREATE, and the originate reaches it a moment before that. Such a leg is left alone.
 */
export const LISTING_LAG_MS = 2_000;

export type MissedLegEvents =
  { readonly ok: true; readonly jobs: NewForwardJob[] } | { readonly ok: false; readonly error: string };

export interface MissedLegEventsInput {
  readonly conn: Pick<NodeConnection, 'nodeId' | 'showChannels' | 'readVar'>;
  readonly docs: Pick<ForwardDocStore, 'listLive' | 'load'>;
  readonly log: Logger;
  readonly now?: () => number;
}

/**
 * After a (re)connect: the events of the forwards in flight that came while no listener ran are
 * lost, and a forward waiting for one would only end at its timers (a target that answered would be
 * cancelled as no answer). For every live forward of the node, what the node shows now becomes the
 * events it missed, with the ids the real ones have (a real one seen by another listener wins):
 * a ringing leg that is answered now, an answered one bridged to the caller, a leg or a caller that
 * is gone.
 */
export async function findMissedLegEvents(input: MissedLegEventsInput): Promise<MissedLegEvents> {
  const { conn, docs, log } = input;
  const now = input.now ?? Date.now;
  // Listed before the channels: a forward that starts after the listing cannot be taken for lost.
  const live = await docs.listLive(conn.nodeId, MAX_FORWARDS);
  if (live.length === 0) return { ok: true, jobs: [] };
  const channels = await conn.showChannels();
  if (!channels.ok) return { ok: false, error: `show channels: ${channels.error}` };
  const rows = new Map(channels.rows.map((r) => [r.uuid, r]));
  const jobs: NewForwardJob[] = [];
  const push = (callUuid: string, event: ForwardEvent) => {
    const j = forwardJob(conn.nodeId, callUuid, event);
    if (j.kind === 'job') jobs.push(j);
  };
  for (const { callUuid } of live) {
    const loaded = await docs.load(conn.nodeId, callUuid);
    const parsed = ForwardStateSchema.safeParse((loaded?.doc as { state?: unknown } | undefined)?.state);
    if (!parsed.success || parsed.data.phase === 'done') continue;
    const state = parsed.data;
    const at = now();
    if (!rows.has(callUuid) && state.callerGoneAt === null) {
      push(callUuid, { kind: 'caller_hung_up', cause: HANGUP_NOT_SEEN, at, call: null, parked: true });
    }
    for (const leg of state.legs) {
      const missed = await legEvent(conn, callUuid, leg, rows.get(leg.legUuid), at);
      if (missed !== null) push(callUuid, missed);
    }
  }
  if (jobs.length > 0) log.warn({ node: conn.nodeId, events: jobs.length }, 'resync: events of forwards in flight missed while disconnected');
  return { ok: true, jobs };
}

async function legEvent(
  conn: MissedLegEventsInput['conn'],
  callUuid: string,
  leg: ForwardLeg,
  row: ChannelRow | undefined,
  at: number,
): Promise<ForwardEvent | null> {
  const placed = leg.status === 'ringing' || leg.status === 'early' || leg.status === 'confirming' || leg.status === 'answered';
  if (!placed) return null;
  if (row === undefined) {
    if (leg.originatedAt === null || at - leg.originatedAt < LISTING_LAG_MS) return null;
    // Gone while no one listened; an answered one is billed nothing it cannot be shown to have talked.
    return { kind: 'leg_hung_up', legUuid: leg.legUuid, cause: HANGUP_NOT_SEEN, billsec: 0, answeredAt: leg.answeredAt, endedAt: at, bridgedAt: null };
  }
  if (row.callstate !== 'ACTIVE') return null;
  if (leg.answeredAt === null) return { kind: 'leg_answered', legUuid: leg.legUuid, at };
  const bridgedTo = await conn.readVar(leg.legUuid, 'bridge_uuid');
  if (bridgedTo.kind === 'value' && bridgedTo.value === callUuid) return { kind: 'leg_bridged', legUuid: leg.legUuid, at };
  return null;
}
