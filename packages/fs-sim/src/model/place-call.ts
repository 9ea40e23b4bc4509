// An inbound call arriving from a PBX trunk: one SIP leg that enters a context, is tagged with
// its connection (and the desk phone's disposition) and parks unanswered.
import type { Channel } from './channel.js';
import { setVar } from './channel.js';
import { channelTimer, createLeg, emitChannel, hangup, park } from './channel-actions.js';
import type { NodeState } from './node-state.js';

export interface PlaceCallInput {
  readonly uuid?: string;
  /** The PBX connection the call came in on (callfwd_connection). */
  readonly connection?: string;
  readonly dialled: string;
  readonly callerNumber: string;
  readonly callerName: string;
  /** originate_disposition after the desk phone was tried (USER_BUSY, NO_ANSWER, ...). */
  readonly disposition?: string;
  readonly variables?: Readonly<Record<string, string>>;
  /** The caller hangs up this long (sim ms) after the call arrived. */
  readonly hangupAfterMs?: number;
  /** Dialplan context; default `public`. */
  readonly context?: string;
}

export function placeCall(state: NodeState, input: PlaceCallInput): Channel {
  const uuid = input.uuid ?? state.newUuid();
  const context = input.context ?? 'public';
  const name = `sofia/${state.config.sipProfile}/${input.callerNumber}@127.0.0.1`;
  const leg = createLeg(state, {
    uuid,
    name,
    kind: 'sofia-in',
    profile: {
      username: input.callerNumber,
      dialplan: 'XML',
      callerIdName: input.callerName,
      callerIdNumber: input.callerNumber,
      origCallerIdName: input.callerName,
      origCallerIdNumber: input.callerNumber,
      networkAddr: '127.0.0.1',
      ani: input.callerNumber,
      destinationNumber: input.dialled,
      source: 'mod_sofia',
      context,
    },
    vars: [
      ['direction', 'inbound'],
      ['uuid', uuid],
      ['call_uuid', uuid],
      ['session_id', String(state.sessions + 1)],
      ['sip_from_user', input.callerNumber],
      ['sip_from_host', '127.0.0.1'],
      ['channel_name', name],
      ['sip_req_user', input.dialled],
      ['sip_to_user', input.dialled],
      ['sofia_profile_name', state.config.sipProfile],
      ['read_codec', 'L16'],
      ['read_rate', '8000'],
      ['write_codec', 'L16'],
      ['write_rate', '8000'],
      ['endpoint_disposition', 'RECEIVED'],
    ],
  });
  emitChannel(state, leg, 'CHANNEL_CREATE');
  state.clock.after(0, () => {
    if (leg.hungUp) return;
    setVar(leg, 'DP_MATCH', [input.dialled, input.dialled]);
    setVar(leg, 'call_uuid', uuid);
    for (const [key, value] of Object.entries(input.variables ?? {})) setVar(leg, key, value);
    setVar(leg, 'callfwd_connection', input.connection ?? state.config.inboundContexts[context] ?? 'pbx-a');
    if (input.disposition !== undefined) setVar(leg, 'originate_disposition', input.disposition);
    leg.runningState = 'CS_EXECUTE';
    leg.callState = 'RINGING';
    park(state, leg);
  });
  if (input.hangupAfterMs !== undefined) {
    channelTimer(state, leg, input.hangupAfterMs, () => hangup(state, leg, callerHangupCause(leg)));
  }
  return leg;
}

/** A caller who gives up before the call was answered cancels it; after, it is a normal clearing. */
export function callerHangupCause(leg: Channel): string {
  return leg.answered ? 'NORMAL_CLEARING' : 'ORIGINATOR_CANCEL';
}
