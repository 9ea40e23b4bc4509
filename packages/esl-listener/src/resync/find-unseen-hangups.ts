import type { NodeConnection } from '@callfwd/freeswitch';
import type { BridgedLegStore } from '@callfwd/store';
import type { Logger } from '@callfwd/telemetry';
import { forwardJob, type NewForwardJob } from '../events/forward-job-result.js';

/** The hangup cause of a leg whose hangup event was missed; its length is a lower bound. */
export const HANGUP_NOT_SEEN = 'HANGUP_NOT_SEEN';
const MAX_LEGS = 10_000;

export type UnseenHangups =
  { readonly ok: true; readonly jobs: NewForwardJob[] } | { readonly ok: false; readonly error: string };

export interface UnseenHangupsInput {
  readonly conn: Pick<NodeConnection, 'nodeId' | 'showChannels'>;
  readonly bridgedLegs: Pick<BridgedLegStore, 'listBridgedLegs'>;
  /** ms since the epoch: the last moment the node's events were known to flow. */
  readonly lostAt: number;
  /** The legs whose hangup this session saw (their own jobs carry the real figures). */
  readonly seenHangups: ReadonlySet<string>;
  readonly log: Logger;
}

/**
 * After a (re)connect: a bridged leg that hung up while no one listened has no
 * CHANNEL_HANGUP_COMPLETE, so its forward would never end (no charge, no record, credit held).
 * Every bridged leg listed in Redis that is gone from `show channels` (and whose hangup this
 * session has not seen) gets a `leg_hung_up` job, HANGUP_NOT_SEEN, billed from its answer to
 * `lostAt`: never more than the call lasted. Its id is the one the real hangup's job has, so a
 * hangup seen by another listener wins if it came first.
 */
export async function findUnseenHangups(input: UnseenHangupsInput): Promise<UnseenHangups> {
  const { conn, bridgedLegs, lostAt, seenHangups, log } = input;
  // Listed before the channels: a leg bridged after the listing cannot be taken for gone.
  const legs = await bridgedLegs.listBridgedLegs(conn.nodeId, MAX_LEGS);
  if (legs.length === 0) return { ok: true, jobs: [] };
  const channels = await conn.showChannels();
  if (!channels.ok) return { ok: false, error: `show channels: ${channels.error}` };
  const alive = new Set(channels.rows.map((r) => r.uuid));
  const jobs: NewForwardJob[] = [];
  for (const leg of legs) {
    if (alive.has(leg.legUuid) || seenHangups.has(leg.legUuid)) continue;
    const endedAt = Math.max(leg.answeredAt, lostAt);
    const j = forwardJob(conn.nodeId, leg.callUuid, {
      kind: 'leg_hung_up',
      legUuid: leg.legUuid,
      cause: HANGUP_NOT_SEEN,
      billsec: Math.floor((endedAt - leg.answeredAt) / 1000),
      answeredAt: leg.answeredAt,
      endedAt,
      bridgedAt: leg.answeredAt,
    });
    if (j.kind === 'job') jobs.push(j);
    else if (j.kind === 'invalid')
      log.warn(
        { node: conn.nodeId, legUuid: leg.legUuid, error: j.error },
        'unseen hangups: bad bridged leg entry',
      );
  }
  if (jobs.length > 0)
    log.warn(
      { node: conn.nodeId, legs: jobs.length, lostAt },
      'bridged legs ended while disconnected: ending them',
    );
  return { ok: true, jobs };
}
