import { parseSettleJob, settleJobId } from '@callfwd/domain';
import type { NodeConnection } from '@callfwd/freeswitch';
import type { JobStateStore } from '@callfwd/store';
import type { Logger } from '@callfwd/telemetry';
import type { JobFromEvent } from './event-to-job.js';

/** The hangup cause of a leg whose hangup event was missed; its length is a lower bound. */
export const HANGUP_NOT_SEEN = 'HANGUP_NOT_SEEN';
const MAX_LEGS = 10_000;

/**
 * After a (re)connect: a bridged leg that hung up while no one listened has no
 * CHANNEL_HANGUP_COMPLETE, so it would never be settled (no charge, no record, credit held
 * forever). Every bridged, unsettled leg of the node that is gone from `show channels` (and whose
 * hangup this session has not seen) gets a settle job, billed from its answer to `lostAt`, the
 * last moment the events were known to flow: never more than the call lasted.
 */
export async function settleUnseenHangups(
  conn: NodeConnection,
  jobState: JobStateStore,
  lostAt: number,
  seenHangups: ReadonlySet<string>,
  log: Logger,
): Promise<JobFromEvent[]> {
  // Listed before the channels: a leg bridged after the listing cannot be taken for gone.
  const legs = await jobState.listBridgedLegs(conn.nodeId, MAX_LEGS);
  if (legs.length === 0) return [];
  const channels = await conn.showChannels();
  if (!channels.ok) {
    log.warn({ error: channels.error }, 'unseen hangups: show channels failed');
    return [];
  }
  const alive = new Set(channels.rows.map((r) => r.uuid));
  const jobs: JobFromEvent[] = [];
  for (const leg of legs) {
    if (alive.has(leg.legUuid) || seenHangups.has(leg.legUuid)) continue;
    const endedAt = Math.max(leg.answeredAt, lostAt);
    const parsed = parseSettleJob({
      v: 1,
      node: conn.nodeId,
      callUuid: leg.callUuid,
      legUuid: leg.legUuid,
      hangupCause: HANGUP_NOT_SEEN,
      billsec: Math.floor((endedAt - leg.answeredAt) / 1000),
      answeredAt: leg.answeredAt,
      endedAt,
    });
    if (parsed.ok) jobs.push({ kind: 'settle', jobId: settleJobId(conn.nodeId, leg.legUuid), job: parsed.job });
    else log.warn({ legUuid: leg.legUuid, error: parsed.error }, 'unseen hangups: bad bridged leg entry');
  }
  if (jobs.length > 0) log.warn({ legs: jobs.length, lostAt }, 'bridged legs ended while disconnected: settling them');
  return jobs;
}
