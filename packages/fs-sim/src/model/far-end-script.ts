// How a scripted far end behaves when the simulator dials it. Times are sim milliseconds.

/** `send_dtmf`: the far end presses keys this long after its media began (its answer, or its
 *  early media). The digits reach the leg callfwd dialled (a loopback -a leg) as DTMF events. */
export interface FarEndKeys {
  readonly digits: string;
  readonly afterMs: number;
}

export type FarEndScript =
  | {
      readonly kind: 'answer';
      /** Rings (ring_ready) for this long, then answers; 0 answers at once. */
      readonly afterMs: number;
      /** The target hangs up (NORMAL_CLEARING) this long after answering; unset = stays up. */
      readonly hangupAfterMs?: number;
      /** Sends early media (pre_answer: CHANNEL_PROGRESS_MEDIA only) instead of ringing until it
       *  answers: `{ kind: 'answer', afterMs: 5000, earlyMedia: true, hangupAfterMs: 3000 }` is 705. */
      readonly earlyMedia?: boolean;
      /** Presses keys (707: `{ digits: '1', afterMs: 1000 }`); unset = never presses (a voicemail, 708). */
      readonly keys?: FarEndKeys;
    }
  | {
      /** Sends early media (pre_answer) and never answers. A plain originate returns +OK on the
       *  early media; with ignore_early_media it fails at originate_timeout (NO_ANSWER). */
      readonly kind: 'early_media';
      /** The far end gives up this long after its early media began; unset = never. */
      readonly hangupAfterMs?: number;
      /** Its hangup cause then (default NORMAL_CLEARING). */
      readonly cause?: string;
      readonly keys?: FarEndKeys;
    }
  | { readonly kind: 'busy' }
  | { readonly kind: 'reject' }
  /** Rings until the originate times out (NO_ANSWER). */
  | { readonly kind: 'no_answer' }
  | { readonly kind: 'unregistered' }
  | { readonly kind: 'route_down' };

export type GatewayState = 'up' | 'down';

/** A desk phone the inbound dialplan rings first (continue_on_fail), before it parks the call. */
export interface DeskPhoneRule {
  /** Dialled-number prefix the rule applies to (`61`). */
  readonly prefix: string;
  /** The desk phone's number in the far-end context (`702`). */
  readonly target: string;
  /** call_timeout in seconds, when set. */
  readonly timeoutSec?: number;
}

export const HANGUP_BY_SCRIPT: Readonly<Record<Exclude<FarEndScript['kind'], 'answer' | 'no_answer' | 'early_media'>, string>> = {
  busy: 'USER_BUSY',
  reject: 'CALL_REJECTED',
  unregistered: 'USER_NOT_REGISTERED',
  route_down: 'NORMAL_TEMPORARY_FAILURE',
};
