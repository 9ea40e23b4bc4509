// `originate`: creates the outbound leg (and, for loopback or a looped gateway, the far-end
// leg), waits until it answers, fails, or times out, and reports like FreeSWITCH.
import { cloneProfile } from './caller-profile.js';
import type { Channel } from './channel.js';
import { getVar, setVar } from './channel.js';
import { createLeg, emitChannel, hangup, releaseDestroy, releaseDigits } from './channel-actions.js';
import { routeInbound } from './dialplan.js';
import { runFarEnd } from './far-end.js';
import type { NodeState } from './node-state.js';
import { farEndFor } from './node-state.js';
import type { DialLeg, DialTarget, VarPairs } from './parse-originate.js';
import { parseLegs } from './parse-originate.js';

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

/** Dials every group of the dial string in turn (`|`), the legs of a group at once (`,`): the
 *  first leg to answer (or to send early media, or to confirm with the key) wins and the others
 *  end LOSE_RACE; a group whose legs all fail moves on to the next. */
export async function originate(state: NodeState, request: OriginateRequest): Promise<OriginateOutcome> {
  const groups = request.legs ?? parseLegs(request.dialString);
  const dialled: Channel[] = [];
  let outcome: OriginateOutcome = { ok: false, cause: 'CHAN_NOT_IMPLEMENTED' };
  for (const group of groups) {
    outcome = await dialGroup(state, request, group, dialled);
    if (outcome.ok || request.originator?.hungUp === true) break;
  }
  for (const leg of dialled) releaseDestroy(leg);
  return outcome;
}

interface LegPlan {
  readonly endpoint: Exclude<Endpoint, { kind: 'unknown' }>;
  readonly vars: VarPairs;
  readonly uuid: string;
}

/** A leg that cannot start (unknown endpoint or gateway) fails at once, as on the real node. */
function planLeg(state: NodeState, request: OriginateRequest, leg: DialLeg): LegPlan | { readonly cause: string } {
  const endpoint = resolveEndpoint(leg.endpoint);
  const vars = [...request.vars, ...leg.vars];
  const uuid = new Map(vars).get('origination_uuid') ?? state.newUuid();
  if (endpoint.kind === 'unknown') return { cause: 'CHAN_NOT_IMPLEMENTED' };
  if (endpoint.kind === 'gateway' && !state.gateways.has(endpoint.gateway)) {
    emitNamelessDestroy(state, uuid);
    return { cause: 'INVALID_GATEWAY' };
  }
  return { endpoint, vars, uuid };
}

function dialGroup(state: NodeState, request: OriginateRequest, group: readonly DialLeg[], dialled: Channel[]): Promise<OriginateOutcome> {
  const plans = group.map((leg) => planLeg(state, request, leg));
  const startable = plans.filter((plan): plan is LegPlan => 'endpoint' in plan);
  let lastCause = plans.findLast((plan): plan is { cause: string } => 'cause' in plan)?.cause ?? 'NO_ANSWER';
  if (startable.length === 0) return Promise.resolve({ ok: false, cause: lastCause });
  const vars = new Map(request.vars);
  const timeoutSec = Number(vars.get('originate_timeout') ?? vars.get('call_timeout') ?? '60');
  return new Promise((resolve) => {
    state.clock.after(20, () => {
      const legs: Channel[] = [];
      let open = startable.length;
      let settled = false;
      const finish = (outcome: OriginateOutcome): void => {
        if (settled) return;
        settled = true;
        cancelTimeout();
        if (outcome.ok) {
          for (const other of legs) {
            if (other === outcome.channel || other.hungUp) continue;
            setVar(other, 'group_dial_status', 'loser');
            hangup(state, other, 'LOSE_RACE');
          }
        }
        resolve(outcome);
      };
      const cancelTimeout = state.clock.after(timeoutSec * 1000, () => {
        for (const leg of legs) if (!leg.hungUp) hangup(state, leg, 'NO_ANSWER');
      });
      for (const plan of startable) {
        if (settled) break;
        const leg = startLeg(state, request, plan, {
          win: (winner) => finish({ ok: true, channel: winner }),
          lose: (cause) => {
            lastCause = cause;
            open -= 1;
            if (open === 0) finish({ ok: false, cause: lastCause });
          },
        });
        legs.push(leg);
        dialled.push(leg);
      }
    });
  });
}

interface LegHooks {
  win(leg: Channel): void;
  lose(cause: string): void;
}

/** Creates one leg and decides when it wins: its answer, its early media (20 ms later) unless
 *  ignore_early_media, or with group_confirm_key the key pressed once the confirm has started
 *  (at the early media, or with ignore_early_media at the answer). leg_timeout ends it
 *  ALLOTTED_TIMEOUT; group_confirm_cancel_timeout lifts leg_timeout once the confirm starts. */
function startLeg(state: NodeState, request: OriginateRequest, plan: LegPlan, hooks: LegHooks): Channel {
  const vars = new Map(plan.vars);
  const origin = request.originator;
  const cidNumber = vars.get('origination_caller_id_number') ?? origin?.profile.callerIdNumber ?? '0000000000';
  const cidName = vars.get('origination_caller_id_name') ?? origin?.profile.callerIdName;
  const leg = createOutboundLeg(state, plan.endpoint, plan.uuid, cidNumber, cidName, request, plan.vars);
  leg.destroyHeld = true;
  const ignoreEarly = ignoresEarlyMedia(plan.vars);
  const legTimeoutSec = Number(vars.get('leg_timeout') ?? '0');
  let cancelLegTimeout = legTimeoutSec > 0 ? state.clock.after(legTimeoutSec * 1000, () => hangup(state, leg, 'ALLOTTED_TIMEOUT')) : (): void => undefined;
  let won = false;
  const win = (): void => {
    if (won || leg.hungUp) return;
    won = true;
    cancelLegTimeout();
    hooks.win(leg);
  };
  const confirmKey = vars.get('group_confirm_key') ?? '';
  if (confirmKey !== '') {
    leg.heldDigits = [];
    const startConfirm = (): void => {
      if (leg.hungUp || leg.heldDigits === undefined) return;
      if (vars.get('group_confirm_cancel_timeout') === 'true') {
        cancelLegTimeout();
        cancelLegTimeout = (): void => undefined;
      }
      leg.dtmfListeners.push((digit) => {
        if (won || !confirmKey.includes(digit)) return;
        setVar(leg, 'group_dial_status', 'winner');
        win();
      });
      releaseDigits(state, leg);
    };
    leg.answerListeners.push(startConfirm);
    if (!ignoreEarly) leg.earlyListeners.push(startConfirm);
  } else {
    leg.answerListeners.push(win);
    // Early media is enough for originate to succeed (the capture node: +OK 20 ms after
    // CHANNEL_PROGRESS_MEDIA).
    if (!ignoreEarly) leg.earlyListeners.push(() => state.clock.after(EARLY_MEDIA_RETURN_MS, win));
  }
  leg.hangupListeners.push((cause) => {
    cancelLegTimeout();
    if (!won) hooks.lose(cause);
  });
  if (origin !== undefined) {
    origin.hangupListeners.push(() => {
      if (!leg.answered) hangup(state, leg, 'ORIGINATOR_CANCEL');
    });
  }
  connectFarEnd(state, leg, plan.endpoint, request);
  return leg;
}

/** `ignore_early_media=true`, `=consume` or `=ring_ready`: the originate waits for the answer
 *  (the capture node: ring_ready behaved exactly like true, there being no caller to ring). */
function ignoresEarlyMedia(vars: VarPairs): boolean {
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
  legVars: VarPairs,
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
      ...legVars,
      ['originate_early_media', ignoresEarlyMedia(legVars) ? 'false' : 'true'],
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
