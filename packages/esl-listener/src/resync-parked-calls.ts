import type { NodeConnection } from '@callfwd/freeswitch';
import type { Logger } from '@callfwd/telemetry';
import { bridgeJob, type JobFromEvent } from './event-to-job.js';

const UNSET = '_undef_';

/**
 * After a (re)connect, events sent while we were away are lost: list the node's channels and
 * make a bridge job for every tagged call still parked, so none waits forever. Job ids are
 * derived from the call, so a call that already has a job gets no second one.
 */
export async function resyncParkedCalls(conn: NodeConnection, log: Logger): Promise<JobFromEvent[]> {
  const channels = await conn.showChannels();
  if (!channels.ok) {
    log.warn({ error: channels.error }, 'resync: show channels failed');
    return [];
  }
  const jobs: JobFromEvent[] = [];
  for (const row of channels.rows) {
    if (row.direction !== 'inbound' || row.raw.application !== 'park') continue;
    const connection = await readVar(conn, row.uuid, 'callfwd_connection');
    if (!connection || (await readVar(conn, row.uuid, 'callfwd_parent'))) continue;
    const disposition = await readVar(conn, row.uuid, 'originate_disposition');
    const forwarded = await readVar(conn, row.uuid, 'callfwd_forwarded');
    jobs.push(
      bridgeJob({
        v: 1,
        node: conn.nodeId,
        callUuid: row.uuid,
        connection,
        dialled: row.dest.slice(0, 64),
        callerNumber: row.cid_num.slice(0, 256),
        callerName: row.cid_name.slice(0, 256),
        disposition: disposition ? disposition.slice(0, 64) : null,
        parkedAt: row.created_epoch * 1000,
        isForwardLeg: forwarded === 'true',
      }),
    );
  }
  log.info({ parked: jobs.length, channels: channels.rows.length }, 'resync: parked tagged calls found');
  return jobs;
}

async function readVar(conn: NodeConnection, uuid: string, name: string): Promise<string | undefined> {
  const reply = await conn.getVar(uuid, name);
  if (!reply.ok) return undefined;
  const value = reply.reply.trim();
  return value === '' || value === UNSET ? undefined : value;
}
