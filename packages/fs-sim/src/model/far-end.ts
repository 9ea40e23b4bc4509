// Plays a FarEndScript on the leg that stands for the far end (a loopback -b leg, a looped SIP
// leg, or the outbound leg itself when the gateway leads off-node). Each step shows as the leg's
// current application, as the capture node's dialplan did (`pre_answer`, `sleep 5000`, `answer`,
// `sleep 3000`, `hangup NORMAL_CLEARING`).
import type { Channel } from './channel.js';
import { setApplication } from './channel.js';
import { answer, channelTimer, hangup, isFarLeg, peerOf, preAnswer, receiveDtmf, ringReady } from './channel-actions.js';
import type { FarEndKeys, FarEndScript } from './far-end-script.js';
import { HANGUP_BY_SCRIPT } from './far-end-script.js';
import type { NodeState } from './node-state.js';

export function runFarEnd(state: NodeState, leg: Channel, script: FarEndScript): void {
  switch (script.kind) {
    case 'answer': {
      const pickUp = (): void => {
        step(leg, 'answer');
        answer(state, leg);
        if (script.earlyMedia !== true || script.afterMs <= 0) pressKeys(state, leg, script.keys);
        if (script.hangupAfterMs !== undefined) hangUpAfter(state, leg, script.hangupAfterMs, 'NORMAL_CLEARING');
      };
      if (script.afterMs <= 0) return channelTimer(state, leg, 0, pickUp);
      if (script.earlyMedia === true) {
        earlyMedia(state, leg);
        pressKeys(state, leg, script.keys);
      } else {
        ring(state, leg);
      }
      step(leg, 'sleep', String(script.afterMs));
      return channelTimer(state, leg, script.afterMs, pickUp);
    }
    case 'early_media':
      earlyMedia(state, leg);
      pressKeys(state, leg, script.keys);
      if (script.hangupAfterMs !== undefined) hangUpAfter(state, leg, script.hangupAfterMs, script.cause ?? 'NORMAL_CLEARING');
      return;
    case 'no_answer':
      return ring(state, leg);
    default: {
      const cause = HANGUP_BY_SCRIPT[script.kind];
      return channelTimer(state, leg, 0, () => {
        // The far end answered the INVITE with an error: a SIP leg now knows its address.
        if (leg.kind === 'sofia-out') leg.profile.networkAddr = '127.0.0.1';
        step(leg, 'hangup', cause);
        hangup(state, leg, cause);
      });
    }
  }
}

/** send_dtmf: the digits go to the other half of a loopback pair or SIP loop (where the capture
 *  node raised the DTMF event), or to the leg itself when the far end is off-node. */
function pressKeys(state: NodeState, leg: Channel, keys: FarEndKeys | undefined): void {
  if (keys === undefined) return;
  channelTimer(state, leg, keys.afterMs, () => {
    const target = isFarLeg(leg) ? peerOf(state, leg) : leg;
    if (target === undefined) return;
    for (const digit of keys.digits) receiveDtmf(state, target, digit);
  });
}

/** ring_ready: a loopback -b leg signals ringing to its -a leg first, as FreeSWITCH does. */
export function ring(state: NodeState, leg: Channel): void {
  step(leg, 'ring_ready');
  const peer = peerOf(state, leg);
  if (isFarLeg(leg) && peer !== undefined) ringReady(state, peer);
  ringReady(state, leg);
}

/** pre_answer: only CHANNEL_PROGRESS_MEDIA (no CHANNEL_PROGRESS), -a leg first. */
function earlyMedia(state: NodeState, leg: Channel): void {
  step(leg, 'pre_answer');
  preAnswer(state, leg);
}

/** Shows a script step as the far leg's application; a SIP leg to an off-node gateway runs none
 *  (the remote side plays the script). */
function step(leg: Channel, app: string, arg = ''): void {
  if (isFarLeg(leg)) setApplication(leg, app, arg);
}

function hangUpAfter(state: NodeState, leg: Channel, ms: number, cause: string): void {
  step(leg, 'sleep', String(ms));
  channelTimer(state, leg, ms, () => {
    step(leg, 'hangup', cause);
    hangup(state, leg, cause);
  });
}
