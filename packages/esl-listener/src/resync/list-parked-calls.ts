import type { ForwardCall } from '@callfwd/domain';
import type { ChannelRow, NodeConnection } from '@callfwd/freeswitch';
import type { Logger } from '@callfwd/telemetry';
import { bounded, TEXT_LIMITS } from '../events/event-values.js';
import { forwardJob, type NewForwardJob } from '../events/forward-job-result.js';

export type ParkedNode = Pick<NodeConnection, 'nodeId' | 'showChannels' | 'readVar'>;

/** The node's parked, tagged callers as `parked` jobs, or why the node could not be asked. */
export type ParkedCalls =
  { readonly ok: true; readonly jobs: NewForwardJob[] } | { readonly ok: false; readonly error: string };

interface Tags {
  readonly connection: string;
  readonly disposition: string | undefined;
  readonly forwarded: string | undefined;
}

class ChannelGone extends Error {}

/**
 * After a (re)connect, events sent while we were away are lost: lists the node's channels and
 * makes a `parked` job for every tagged caller still parked (inbound, in park, callfwd_connection
 * set, no callfwd_parent), so none waits forever. Job ids derive from the call, so a call that
 * already has its job gets no second one. A failed `show channels` or `uuid_getvar` fails the
 * whole listing (the caller retries it); a channel gone while it is read is skipped.
 */
export async function listParkedCalls(conn: ParkedNode, log: Logger): Promise<ParkedCalls> {
  const channels = await conn.showChannels();
  if (!channels.ok) return { ok: false, error: `show channels: ${channels.error}` };
  const jobs: NewForwardJob[] = [];
  for (const row of channels.rows) {
    // A parked caller that is answered (ACTIVE) is talking on a bridge: FreeSWITCH keeps `park` as its
    // application after uuid_bridge. Only callers still ringing (or pre-answered) may wait for a forward.
    if (row.direction !== 'inbound' || row.raw.application !== 'park' || row.callstate === 'ACTIVE') continue;
    let tags: Tags | null;
    try {
      tags = await readTags(conn, row.uuid);
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
    if (tags === null) continue;
    const j = forwardJob(conn.nodeId, row.uuid, { kind: 'parked', call: callOfRow(conn.nodeId, row, tags) });
    if (j.kind === 'job') jobs.push(j);
    else if (j.kind === 'invalid')
      log.warn(
        { node: conn.nodeId, callUuid: row.uuid, error: j.error },
        'resync: parked call does not make a valid job',
      );
  }
  log.info(
    { node: conn.nodeId, parked: jobs.length, channels: channels.rows.length },
    'resync: parked tagged calls found',
  );
  return { ok: true, jobs };
}

/** The dialplan's tags of a parked channel; null when it is not a caller of ours or is gone. Throws on an ESL error. */
async function readTags(conn: ParkedNode, uuid: string): Promise<Tags | null> {
  const read = async (name: string): Promise<string | undefined> => {
    const reply = await conn.readVar(uuid, name);
    if (reply.kind === 'error') throw new Error(`uuid_getvar ${name}: ${reply.error}`);
    if (reply.kind === 'no_such_channel') throw new ChannelGone();
    return reply.kind === 'value' ? reply.value : undefined;
  };
  try {
    const connection = await read('callfwd_connection');
    if (connection === undefined || (await read('callfwd_parent')) !== undefined) return null;
    return {
      connection,
      disposition: await read('originate_disposition'),
      forwarded: await read('callfwd_forwarded'),
    };
  } catch (err) {
    if (err instanceof ChannelGone) return null;
    throw err;
  }
}

function callOfRow(node: string, row: ChannelRow, { connection, disposition, forwarded }: Tags): ForwardCall {
  return {
    node,
    callUuid: row.uuid,
    connection,
    dialled: bounded(row.dest, TEXT_LIMITS.dialled),
    callerNumber: bounded(row.cid_num, TEXT_LIMITS.callerNumber),
    callerName: bounded(row.cid_name, TEXT_LIMITS.callerName),
    disposition: disposition ? bounded(disposition, TEXT_LIMITS.disposition) : null,
    parkedAt: row.created_epoch * 1000,
    isForwardLeg: forwarded === 'true',
  };
}
