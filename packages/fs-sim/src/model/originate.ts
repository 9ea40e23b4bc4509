// `originate`: creates the outbound leg (and, for loopback or a looped gateway, the far-end
// leg), waits until it answers, fails, or times out, and reports like FreeSWITCH.
import { cloneProfile } from './caller-profile.js';
import type { Channel } from './channel.js';
import { getVar, setVar } from './channel.js';
import { createLeg, emitChannel, hangup } from './channel-actions.js';
import { routeInbound } from './dialplan.js';
import { runFarEnd } from './far-end.js';
import type { NodeState } from './node-state.js';
import { farEndFor } from './node-state.js';
import type { DialTarget } from './parse-originate.js';

export type OriginateOutcome = { readonly ok: true; readonly channel: Channel } | { readonly ok: false; readonly cause: string };

export interface OriginateRequest extends DialTarget {
  /** The channel that dials (inline `bridge`, desk phone): the new leg shows it as Other-Leg. */
  readonly originator?: Channel;
  /** Dialplan of the dialling channel; a loopback leg without `/XML` inherits it. */
  readonly inheritedDialplan?: string;
}

const EARLY_MEDIA_RETURN_MS = 20;

type Endpoint =
  | { readonly kind: 'loopback'; readonly digits: string; readonly context: string; readonly dialplan: string | undefined }
  | { readonly kind: 'gateway'; readonly gateway: string; readonly digits: string }
  | { readonly kind: 'unknown' };

function resolveEndpoint(dialString: string): Endpoint {
  const gateway = /^sofia\/gateway\/([^/]+)\/([^@]+)/.exec(dialString);
  if (gateway !== null) return { kind: 'gateway', gateway: gateway[1]!, digits: gateway[2]! };
  const loopback = /^loopback\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(dialString);
  if (loopback !== null) return { kind: 'loopback', digits: loopback[1]!, context: loopback[2] ?? 'default', dialplan: loopback[3] };
  return { kind: 'unknown' };
}

export function originate(state: NodeState, request: OriginateRequest): Promise<OriginateOutcome> {
  const endpoint = resolveEndpoint(request.dialString);
  const vars = new Map(request.vars);
  const uuid = vars.get('origination_uuid') ?? state.newUuid();
  if (endpoint.kind === 'unknown') return Promise.resolve({ ok: false, cause: 'CHAN_NOT_IMPLEMENTED' });
  if (endpoint.kind === 'gateway' && !state.gateways.has(endpoint.gateway)) {
    emitNamelessDestroy(state, uuid);
    return Promise.resolve({ ok: false, cause: 'INVALID_GATEWAY' });
  }
  const origin = request.originator;
  const cidNumber = vars.get('origination_caller_id_number') ?? origin?.profile.callerIdNumber ?? '0000000000';
  const cidName = vars.get('origination_caller_id_name') ?? origin?.profile.callerIdName;
  const timeoutSec = Number(vars.get('originate_timeout') ?? vars.get('call_timeout') ?? '60');
  return new Promise((resolve) => {
    state.clock.after(20, () => {
      const leg = createOutboundLeg(state, endpoint, uuid, cidNumber, cidName, request);
      let settled = false;
      const settle = (outcome: OriginateOutcome): void => {
        if (settled) return;
        settled = true;
        cancelTimeout();
        resolve(outcome);
      };
      const cancelTimeout = state.clock.after(timeoutSec * 1000, () => hangup(state, leg, 'NO_ANSWER'));
      leg.answerListeners.push(() => settle({ ok: true, channel: leg }));
      // Without ignore_early_media, early media is enough for originate to succeed (the capture
      // node: +OK 20 ms after CHANNEL_PROGRESS_MEDIA).
      if (!ignoresEarlyMedia(request.vars)) {
        leg.earlyListeners.push(() => state.clock.after(EARLY_MEDIA_RETURN_MS, () => settle({ ok: true, channel: leg })));
      }
      leg.hangupListeners.push((cause) => settle({ ok: false, cause }));
      if (origin !== undefined) {
        origin.hangupListeners.push(() => {
          if (!leg.answered) hangup(state, leg, 'ORIGINATOR_CANCEL');
        });
      }
      connectFarEnd(state, leg, endpoint, request);
    });
  });
}

/** `ignore_early_media=true`, `=consume` or `=ring_ready`: the originate waits for the answer
 *  (the capture node: ring_ready behaved exactly like true, there being no caller to ring). */
function ignoresEarlyMedia(vars: ReadonlyArray<readonly [string, string]>): boolean {
  const value = vars.findLast(([key]) => key === 'ignore_early_media')?.[1];
  return value === 'true' || value === 'consume' || value === 'ring_ready';
}

function createOutboundLeg(
  state: NodeState,
  endpoint: Exclude<Endpoint, { kind: 'unknown' }>,
  uuid: string,
  cidNumber: string,
  cidName: string | undefined,
  request: OriginateRequest,
): Channel {
  const loopback = endpoint.kind === 'loopback';
  const name = loopback ? `loopback/${endpoint.digits}-a` : `sofia/${state.config.sipProfile}/${endpoint.digits}`;
  const leg = createLeg(state, {
    uuid,
    name,
    kind: loopback ? 'loopback-a' : 'sofia-out',
    profile: {
      dialplan: loopback ? 'xml' : '',
      callerIdName: cidName,
      callerIdNumber: cidNumber,
      origCallerIdName: request.originator === undefined ? cidName : request.originator.profile.callerIdName,
      origCallerIdNumber: request.originator === undefined ? cidNumber : request.originator.profile.callerIdNumber,
      calleeIdName: 'Outbound Call',
      // mod_loopback shows the dial string's last part (`loopback/700/forward-target/XML`: XML).
      calleeIdNumber: loopback ? (endpoint.dialplan ?? endpoint.context) : endpoint.digits,
      ani: cidNumber,
      destinationNumber: endpoint.digits,
      source: loopback ? 'mod_loopback' : 'src/switch_ivr_originate.c',
      context: loopback ? endpoint.context : 'default',
    },
    vars: [
      ['direction', 'outbound'],
      ['is_outbound', 'true'],
      ['session_id', String(state.sessions + 1)],
      ['read_codec', 'L16'],
      ['read_rate', '8000'],
      ['write_codec', 'L16'],
      ['write_rate', '8000'],
      ['channel_name', name],
      ['uuid', uuid],
      ['call_uuid', uuid],
      ...(loopback ? [] : ([['sip_gateway_name', endpoint.gateway], ['sip_profile_name', 'gateway']] as const)),
      ...request.vars,
      ['originate_early_media', ignoresEarlyMedia(request.vars) ? 'false' : 'true'],
      ['originate_endpoint', loopback ? 'loopback' : 'sofia'],
    ],
  });
  if (request.originator !== undefined) leg.other = { type: 'originator', profile: cloneProfile(request.originator.profile) };
  leg.answerListeners.push(() => {
    if (leg.kind === 'sofia-out') setVar(leg, 'sip_from_user', cidNumber);
  });
  return leg;
}

function connectFarEnd(state: NodeState, leg: Channel, endpoint: Exclude<Endpoint, { kind: 'unknown' }>, request: OriginateRequest): void {
  if (endpoint.kind === 'loopback') {
    const far = createFarLeg(state, leg, `loopback/${endpoint.digits}-b`, 'loopback-b', endpoint.context, endpoint.digits);
    setVar(leg, 'other_loopback_leg_uuid', far.uuid);
    setVar(leg, 'loopback_leg', 'A');
    setVar(far, 'other_loopback_leg_uuid', leg.uuid);
    setVar(far, 'loopback_leg', 'B');
    leg.peer = far.uuid;
    far.peer = leg.uuid;
    announce(state, leg);
    emitChannel(state, far, 'CHANNEL_CREATE');
    const inherited = endpoint.dialplan ?? request.inheritedDialplan ?? 'XML';
    state.clock.after(0, () => routeInbound(state, far, inherited));
    return;
  }
  const gatewayState = state.gateways.get(endpoint.gateway);
  if (gatewayState !== 'self') announce(state, leg);
  if (gatewayState === 'down') {
    state.clock.after(0, () => hangup(state, leg, 'NORMAL_TEMPORARY_FAILURE'));
  } else if (gatewayState === 'self') {
    const caller = `${leg.profile.callerIdNumber}@127.0.0.1`;
    const far = createFarLeg(state, leg, `sofia/${state.config.sipProfile}/${caller}`, 'sofia-in', state.config.farEndContext, endpoint.digits);
    setVar(far, 'sip_from_user', leg.profile.callerIdNumber);
    // A SIP loop behaves like a loopback pair: answer, ringing and hangup cross over.
    leg.peer = far.uuid;
    far.peer = leg.uuid;
    announce(state, leg);
    emitChannel(state, far, 'CHANNEL_CREATE');
    state.clock.after(0, () => routeInbound(state, far, 'XML'));
  } else {
    runFarEnd(state, leg, farEndFor(state, endpoint.digits));
  }
}

function announce(state: NodeState, leg: Channel): void {
  emitChannel(state, leg, 'CHANNEL_CREATE');
  emitChannel(state, leg, 'CHANNEL_ORIGINATE');
}

function createFarLeg(state: NodeState, leg: Channel, name: string, kind: 'loopback-b' | 'sofia-in', context: string, digits: string): Channel {
  const uuid = state.newUuid();
  const inheritable = [...leg.vars].filter(([key]) => !isLegLocal(key));
  const sip = kind === 'sofia-in';
  const caller = leg.profile;
  return createLeg(state, {
    uuid,
    name,
    kind,
    profile: sip
      ? {
          username: caller.callerIdNumber,
          dialplan: 'XML',
          callerIdName: caller.callerIdName ?? caller.callerIdNumber,
          callerIdNumber: caller.callerIdNumber,
          origCallerIdName: caller.callerIdName ?? caller.callerIdNumber,
          origCallerIdNumber: caller.callerIdNumber,
          networkAddr: '127.0.0.1',
          ani: caller.callerIdNumber,
          destinationNumber: digits,
          source: 'mod_sofia',
          context,
        }
      : { ...caller, context, destinationNumber: digits },
    vars: [
      ['direction', 'inbound'],
      ['uuid', uuid],
      ['call_uuid', uuid],
      ['session_id', String(state.sessions + 1)],
      ['channel_name', name],
      ['read_codec', 'L16'],
      ['read_rate', '8000'],
      ['write_codec', 'L16'],
      ['write_rate', '8000'],
      ...inheritable,
    ],
  });
}

const LEG_LOCAL = new Set([
  'direction', 'is_outbound', 'session_id', 'read_codec', 'read_rate', 'write_codec', 'write_rate',
  'channel_name', 'uuid', 'call_uuid', 'originate_early_media', 'originate_endpoint', 'sip_gateway_name',
  'sip_profile_name',
]);

function isLegLocal(name: string): boolean {
  return LEG_LOCAL.has(name);
}

/** An originate that fails before the channel has a name still destroys a session (Channel-Name N/A). */
function emitNamelessDestroy(state: NodeState, uuid: string): void {
  const stub = createLeg(state, {
    uuid,
    name: 'N/A',
    kind: 'sofia-out',
    profile: { dialplan: '', callerIdNumber: '', ani: '', destinationNumber: '', source: '', context: '' },
    vars: [
      ['direction', 'outbound'],
      ['is_outbound', 'true'],
      ['uuid', uuid],
      ['call_uuid', uuid],
      ['session_id', String(state.sessions + 1)],
    ],
  });
  stub.runningState = 'CS_NONE';
  stub.stateNumber = 0;
  stub.hitDialplan = false;
  emitChannel(state, stub, 'CHANNEL_DESTROY');
  state.channels.delete(uuid);
}

/** After a successful originate FreeSWITCH flips the caller ID: the leg now shows the callee. */
export function flipCallerId(leg: Channel): void {
  const profile = leg.profile;
  // An originate that returned on early media leaves the leg in EARLY MEDIA until it answers.
  setVar(leg, 'endpoint_disposition', leg.answered ? 'ANSWER' : 'EARLY MEDIA');
  if (profile.callerIdName !== undefined) setVar(leg, 'pre_transfer_caller_id_name', profile.callerIdName);
  setVar(leg, 'pre_transfer_caller_id_number', profile.callerIdNumber);
  setVar(leg, 'channel_cid_flipped', 'yes');
  const callee = { name: profile.calleeIdName, number: profile.calleeIdNumber };
  profile.calleeIdName = profile.callerIdName;
  profile.calleeIdNumber = profile.callerIdNumber;
  profile.callerIdName = callee.name;
  profile.callerIdNumber = callee.number ?? profile.destinationNumber;
  leg.hitDialplan = true;
  if (getVar(leg, 'call_uuid') !== undefined) setVar(leg, 'call_uuid', leg.uuid);
}
