// Builds channel events the way switch_channel_event_set_data does: basic data, codecs, the
// caller profile, the other leg's profile, then every channel variable in its set order.
import type { HeaderValue } from '../protocol/fs-event.js';
import { addProfileHeaders } from './caller-profile.js';
import type { Channel } from './channel.js';
import { answerState, getVar } from './channel.js';

type Headers = Array<readonly [string, HeaderValue]>;

export interface ChannelEventParts {
  /** Headers FreeSWITCH adds before the channel data (Bridge-A-Unique-ID, Original-Channel-Call-State). */
  readonly leading?: Headers;
  /** Headers added after the variables (Record-File-Path, Application...). */
  readonly trailing?: Headers;
  /** False for events without variables. */
  readonly withVariables?: boolean;
}

export function channelHeaders(channel: Channel, parts: ChannelEventParts = {}): Headers {
  const headers: Headers = [...(parts.leading ?? [])];
  headers.push(['Channel-State', channel.runningState]);
  headers.push(['Channel-Call-State', channel.callState]);
  headers.push(['Channel-State-Number', String(channel.stateNumber)]);
  headers.push(['Channel-Name', channel.name]);
  headers.push(['Unique-ID', channel.uuid]);
  headers.push(['Call-Direction', channel.direction]);
  headers.push(['Presence-Call-Direction', channel.direction]);
  headers.push(['Channel-HIT-Dialplan', String(channel.hitDialplan)]);
  const callUuid = getVar(channel, 'call_uuid');
  if (callUuid !== undefined) headers.push(['Channel-Call-UUID', callUuid]);
  headers.push(['Answer-State', answerState(channel)]);
  if (channel.hangupCause !== undefined) headers.push(['Hangup-Cause', channel.hangupCause]);
  if (channel.name !== 'N/A') {
    const sip = channel.kind.startsWith('sofia');
    for (const side of channel.hasMedia ? ['Read', 'Write'] : []) {
      headers.push([`Channel-${side}-Codec-Name`, sip ? 'PCMU' : 'L16']);
      headers.push([`Channel-${side}-Codec-Rate`, '8000']);
      headers.push([`Channel-${side}-Codec-Bit-Rate`, sip ? '64000' : '128000']);
    }
    addProfileHeaders(headers, 'Caller', channel.profile, true);
    if (channel.other !== undefined) {
      headers.push(['Other-Type', channel.other.type]);
      // A copied profile's logical direction is left at its default: every capture shows inbound.
      addProfileHeaders(headers, 'Other-Leg', { ...channel.other.profile, logicalDirection: 'inbound' }, false);
    }
  }
  if (parts.withVariables !== false) {
    for (const [name, value] of channel.vars) headers.push([`variable_${name}`, value]);
  }
  headers.push(...(parts.trailing ?? []));
  return headers;
}
