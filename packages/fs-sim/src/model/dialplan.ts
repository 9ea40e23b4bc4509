// What the node's dialplan does with an inbound leg: the callfwd contexts tag and park the
// call (after ringing a desk phone for some numbers); the far-end context plays a script.
import type { Channel } from './channel.js';
import { setState, setVar } from './channel.js';
import { answer, channelTimer, hangup, park, preAnswer } from './channel-actions.js';
import { bridgeLegs } from './bridge.js';
import { runFarEnd } from './far-end.js';
import type { NodeState } from './node-state.js';
import { farEndFor } from './node-state.js';
import { originate } from './originate.js';

export function routeInbound(state: NodeState, leg: Channel, dialplan: string): void {
  if (leg.hungUp) return;
  const digits = leg.profile.destinationNumber;
  if (dialplan.toLowerCase() === 'inline') {
    // A loopback leg that inherited `inline` tries to run its number as an application.
    return hangup(state, leg, 'DESTINATION_OUT_OF_ORDER');
  }
  const context = leg.profile.context;
  if (digits === VOICEMAIL && context !== state.config.farEndContext) return playVoicemail(state, leg);
  const connection = state.config.inboundContexts[context];
  if (connection !== undefined) return void parkInbound(state, leg, connection);
  if (context !== state.config.farEndContext) return hangup(state, leg, 'NO_ROUTE_DESTINATION');
  setVar(leg, 'DP_MATCH', [digits, digits]);
  setVar(leg, 'call_uuid', leg.uuid);
  const transfer = /^9(\d+)$/.exec(digits);
  if (transfer !== null) return transferLeg(state, leg, transfer[1]!, 'default', 'XML');
  setState(leg, 'CS_EXECUTE');
  runFarEnd(state, leg, farEndFor(state, digits));
}

/** The extension a caller is transferred to for voicemail (the e2e and demo fallbacks use it). */
const VOICEMAIL = 'voicemail';
/** Sim ms the caller leaves a message before voicemail hangs up. */
const VOICEMAIL_MS = 5_000;

/** `voicemail`: answers, takes the caller's message, hangs up: what a real voicemail extension does. */
function playVoicemail(state: NodeState, leg: Channel): void {
  setVar(leg, 'current_application', 'voicemail');
  answer(state, leg);
  channelTimer(state, leg, VOICEMAIL_MS, () => hangup(state, leg, 'NORMAL_CLEARING'));
}

/** `transfer <dest> XML <context>` (or uuid_transfer): a new caller profile, then the dialplan again. */
export function transferLeg(state: NodeState, leg: Channel, destination: string, context: string, dialplan: string): void {
  const now = state.clock.nowMicros();
  const source = `${Math.floor(now / 1e6)}:${state.newUuid()}:bl_xfer:${destination}/${context}/${dialplan}`;
  setVar(leg, 'transfer_history', source);
  setVar(leg, 'transfer_source', source);
  leg.parked = false;
  leg.profile = {
    ...leg.profile,
    destinationNumber: destination,
    context,
    dialplan: dialplan.toLowerCase() === 'inline' ? 'inline' : 'XML',
    transferSource: source,
    rdnis: leg.profile.destinationNumber,
    index: leg.profile.index + 1,
    times: { ...leg.profile.times, profileCreated: now, transfer: now },
  };
  routeInbound(state, leg, dialplan);
}

async function parkInbound(state: NodeState, leg: Channel, connection: string): Promise<void> {
  const digits = leg.profile.destinationNumber;
  setVar(leg, 'DP_MATCH', [digits, digits]);
  setVar(leg, 'call_uuid', leg.uuid);
  setVar(leg, 'callfwd_connection', connection);
  // The capture dialplan's `set` application (it shows in mod_xml_cdr's app_log).
  leg.appLog.push({ app: 'set', arg: `callfwd_connection=${connection}`, at: state.clock.nowMicros() });
  const desk = state.config.deskPhones.find((rule) => digits.startsWith(rule.prefix));
  if (desk !== undefined) {
    setVar(leg, 'continue_on_fail', 'true');
    if (desk.timeoutSec !== undefined) setVar(leg, 'call_timeout', String(desk.timeoutSec));
    setVar(leg, 'current_application', 'bridge');
    setVar(leg, 'originate_disposition', 'failure');
    preAnswer(state, leg);
    const vars: Array<readonly [string, string]> = desk.timeoutSec === undefined ? [] : [['originate_timeout', String(desk.timeoutSec)]];
    const outcome = await originate(state, {
      vars,
      dialString: `loopback/${desk.target}/${state.config.farEndContext}`,
      originator: leg,
    });
    if (leg.hungUp) return;
    if (outcome.ok) return bridgeLegs(state, leg, outcome.channel, 'app');
    setVar(leg, 'originate_disposition', outcome.cause);
  }
  park(state, leg);
}
