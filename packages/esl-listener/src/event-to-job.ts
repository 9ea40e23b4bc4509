import {
  bridgeJobId,
  isUuid,
  parseBridgeJob,
  parseSettleJob,
  settleJobId,
  type BridgeJob,
  type SettleJob,
} from '@callfwd/domain';
import type { ChannelEvent } from '@callfwd/freeswitch';

export type JobFromEvent =
  | { kind: 'bridge'; jobId: string; job: BridgeJob }
  | { kind: 'settle'; jobId: string; job: SettleJob }
  | { kind: 'none' }
  | { kind: 'invalid'; error: string };

/** What the listener turns into a job: a parked call tagged by the dialplan, or a forwarded leg's end. */
export function jobFromEvent(event: ChannelEvent): JobFromEvent {
  if (event.name === 'CHANNEL_PARK') {
    const connection = event.variables.callfwd_connection;
    // Our own forward legs park too (originate ... &park()): they carry callfwd_parent.
    if (!connection || event.direction !== 'inbound' || event.variables.callfwd_parent) return { kind: 'none' };
    return bridgeJob({
      v: 1,
      node: event.node,
      callUuid: event.uuid,
      connection,
      dialled: bounded(event.destination, 64),
      callerNumber: bounded(event.callerNumber, 256),
      callerName: bounded(event.callerName, 256),
      disposition: event.variables.originate_disposition ? bounded(event.variables.originate_disposition, 64) : null,
      parkedAt: Math.floor(event.timestampUs / 1000),
      isForwardLeg: event.variables.callfwd_forwarded === 'true',
    });
  }
  if (event.name === 'CHANNEL_HANGUP_COMPLETE') {
    const parent = event.variables.callfwd_parent;
    if (!parent) return { kind: 'none' };
    if (!isUuid(parent)) return { kind: 'invalid', error: `callfwd_parent is not a uuid on leg ${event.uuid}` };
    const parsed = parseSettleJob({
      v: 1,
      node: event.node,
      callUuid: parent,
      legUuid: event.uuid,
      hangupCause: bounded(event.hangupCause, 64),
      billsec: event.billsec,
      answeredAt: event.answeredAtUs === null ? null : Math.floor(event.answeredAtUs / 1000),
      endedAt: Math.floor((event.endedAtUs ?? event.timestampUs) / 1000),
    });
    if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
    return { kind: 'settle', jobId: settleJobId(event.node, event.uuid), job: parsed.job };
  }
  return { kind: 'none' };
}

export function bridgeJob(candidate: BridgeJob): JobFromEvent {
  const parsed = parseBridgeJob(candidate);
  if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
  return { kind: 'bridge', jobId: bridgeJobId(parsed.job.node, parsed.job.callUuid), job: parsed.job };
}

/** Caller-controlled text is data: kept, but bounded so one hostile caller cannot bloat a job. */
function bounded(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
