// The dialplan of the FreeSWITCH node the transcripts in fixtures/esl-real (and esl-real-next)
// were captured on, as simulator options (see that README's "Node configuration").
import type { DeskPhoneRule, FarEndScript, GatewayState } from './far-end-script.js';

export const CAPTURE_FAR_ENDS: Readonly<Record<string, FarEndScript>> = {
  '700': { kind: 'answer', afterMs: 0, hangupAfterMs: 3000 },
  '701': { kind: 'answer', afterMs: 8000, hangupAfterMs: 3000 },
  '702': { kind: 'busy' },
  '703': { kind: 'no_answer' },
  '704': { kind: 'answer', afterMs: 0, hangupAfterMs: 20_000 },
  '705': { kind: 'answer', afterMs: 5000, earlyMedia: true, hangupAfterMs: 3000 },
  '706': { kind: 'reject' },
  // Second round (esl-real-next). 707 presses 1 after 1 s; 708 never presses (a voicemail); 710
  // presses 1 during its early media.
  '707': { kind: 'answer', afterMs: 0, hangupAfterMs: 4000, keys: { digits: '1', afterMs: 1000 } },
  '708': { kind: 'answer', afterMs: 0, hangupAfterMs: 10_000 },
  '709': { kind: 'answer', afterMs: 5000, earlyMedia: true, hangupAfterMs: 10_000 },
  '710': { kind: 'answer', afterMs: 3000, earlyMedia: true, hangupAfterMs: 3000, keys: { digits: '1', afterMs: 1000 } },
};

export const CAPTURE_DEFAULT_FAR_END: FarEndScript = { kind: 'answer', afterMs: 0, hangupAfterMs: 3000 };

export const CAPTURE_DESK_PHONES: readonly DeskPhoneRule[] = [
  { prefix: '61', target: '702' },
  { prefix: '62', target: '703', timeoutSec: 3 },
];

/** `self` loops back into this node (like the capture's SIP profile calling itself). */
export const CAPTURE_GATEWAYS: Readonly<Record<string, GatewayState | 'self'>> = { self: 'self', down: 'down' };

export const CAPTURE_INBOUND_CONTEXTS: Readonly<Record<string, string>> = { default: 'pbx-a', public: 'pbx-b' };
