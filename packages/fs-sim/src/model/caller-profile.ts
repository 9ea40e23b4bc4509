// A channel's caller profile, serialised like switch_caller_profile_event_set_data.
import type { HeaderValue } from '../protocol/fs-event.js';

export interface ProfileTimes {
  profileCreated: number;
  created: number;
  answered: number;
  progress: number;
  progressMedia: number;
  hangup: number;
  transfer: number;
  bridged: number;
}

export interface CallerProfile {
  direction: 'inbound' | 'outbound';
  logicalDirection: 'inbound' | 'outbound';
  username?: string;
  dialplan: string;
  callerIdName?: string;
  callerIdNumber: string;
  origCallerIdName?: string;
  origCallerIdNumber?: string;
  calleeIdName?: string;
  calleeIdNumber?: string;
  networkAddr?: string;
  ani: string;
  destinationNumber: string;
  uuid: string;
  source: string;
  transferSource?: string;
  context: string;
  rdnis?: string;
  channelName: string;
  index: number;
  times: ProfileTimes;
}

/** The copy FreeSWITCH keeps as another leg's originator/originatee profile (no transfer source). */
export function cloneProfile(profile: CallerProfile): CallerProfile {
  const { transferSource: _dropped, ...rest } = profile;
  return { ...rest, times: { ...profile.times } };
}

export function emptyTimes(now: number): ProfileTimes {
  return { profileCreated: now, created: now, answered: 0, progress: 0, progressMedia: 0, hangup: 0, transfer: 0, bridged: 0 };
}

type Headers = Array<readonly [string, HeaderValue]>;

export function addProfileHeaders(headers: Headers, prefix: string, profile: CallerProfile, withIndex: boolean): void {
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') headers.push([`${prefix}-${name}`, value]);
  };
  add('Direction', profile.direction);
  add('Logical-Direction', profile.logicalDirection);
  add('Username', profile.username);
  add('Dialplan', profile.dialplan);
  add('Caller-ID-Name', profile.callerIdName);
  add('Caller-ID-Number', profile.callerIdNumber);
  add('Orig-Caller-ID-Name', profile.origCallerIdName);
  add('Orig-Caller-ID-Number', profile.origCallerIdNumber);
  add('Callee-ID-Name', profile.calleeIdName);
  add('Callee-ID-Number', profile.calleeIdNumber);
  add('Network-Addr', profile.networkAddr);
  add('ANI', profile.ani);
  add('Destination-Number', profile.destinationNumber);
  add('Unique-ID', profile.uuid);
  add('Source', profile.source);
  add('Transfer-Source', profile.transferSource);
  add('Context', profile.context);
  add('RDNIS', profile.rdnis);
  add('Channel-Name', profile.channelName);
  if (withIndex) add('Profile-Index', String(profile.index));
  const t = profile.times;
  add('Profile-Created-Time', String(t.profileCreated));
  add('Channel-Created-Time', String(t.created));
  add('Channel-Answered-Time', String(t.answered));
  add('Channel-Progress-Time', String(t.progress));
  add('Channel-Progress-Media-Time', String(t.progressMedia));
  add('Channel-Hangup-Time', String(t.hangup));
  add('Channel-Transfer-Time', String(t.transfer));
  add('Channel-Resurrect-Time', '0');
  add('Channel-Bridged-Time', String(t.bridged));
  add('Channel-Last-Hold', '0');
  add('Channel-Hold-Accum', '0');
  add('Screen-Bit', 'true');
  add('Privacy-Hide-Name', 'false');
  add('Privacy-Hide-Number', 'false');
}
