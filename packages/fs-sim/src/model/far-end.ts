// Plays a FarEndScript on the leg that stands for the far end (a loopback -b leg, a looped SIP
// leg, or the outbound leg itself when the gateway leads off-node).
import type { Channel } from './channel.js';
import { answer, channelTimer, hangup, isFarLeg, peerOf, preAnswer, ringReady } from './channel-actions.js';
import type { FarEndScript } from './far-end-script.js';
import { HANGUP_BY_SCRIPT } from './far-end-script.js';
import type { NodeState } from './node-state.js';

export function runFarEnd(state: NodeState, leg: Channel, script: FarEndScript): void {
  switch (script.kind) {
    case 'answer': {
      const pickUp = (): void => {
        answer(state, leg);
        if (script.hangupAfterMs !== undefined) {
          channelTimer(state, leg, script.hangupAfterMs, () => hangup(state, leg, 'NORMAL_CLEARING'));
        }
      };
      if (script.afterMs <= 0) return channelTimer(state, leg, 0, pickUp);
      if (script.earlyMedia === true) preAnswer(state, leg);
      else ring(state, leg);
      return channelTimer(state, leg, script.afterMs, pickUp);
    }
    case 'no_answer':
      return ring(state, leg);
    default: {
      const cause = HANGUP_BY_SCRIPT[script.kind];
      return channelTimer(state, leg, 0, () => {
        // The far end answered the INVITE with an error: a SIP leg now knows its address.
        if (leg.kind === 'sofia-out') leg.profile.networkAddr = '127.0.0.1';
        hangup(state, leg, cause);
      });
    }
  }
}

/** ring_ready: a loopback -b leg signals ringing to its -a leg first, as FreeSWITCH does. */
export function ring(state: NodeState, leg: Channel): void {
  const peer = peerOf(state, leg);
  if (isFarLeg(leg) && peer !== undefined) ringReady(state, peer);
  ringReady(state, leg);
}
