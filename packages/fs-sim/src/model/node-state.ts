// The mutable state of one simulated node, shared by its channel logic and api commands.
import { randomUUID } from 'node:crypto';
import type { CdrPoster } from './cdr-poster.js';
import type { Channel } from './channel.js';
import type { EventBus } from './event-bus.js';
import type { DeskPhoneRule, FarEndScript, GatewayState } from './far-end-script.js';
import type { Scheduler } from './scheduler.js';
import type { SimClock } from './sim-clock.js';

export interface ParkNotice {
  readonly uuid: string;
  readonly direction: 'inbound' | 'outbound';
  /** performance.now() when CHANNEL_PARK was published. */
  readonly at: number;
}

export interface NodeConfig {
  readonly id: string;
  readonly hostname: string;
  readonly inboundContexts: Readonly<Record<string, string>>;
  readonly farEndContext: string;
  readonly deskPhones: readonly DeskPhoneRule[];
  readonly sipProfile: string;
  /** CDR `*sec` variables as differences of whole epoch seconds, as FreeSWITCH computes them
   *  (billsec can then be one more than billmsec / 1000); false: whole seconds elapsed. */
  readonly wholeEpochSeconds: boolean;
}

export interface NodeState {
  readonly config: NodeConfig;
  readonly clock: SimClock;
  readonly bus: EventBus;
  readonly channels: Map<string, Channel>;
  readonly gateways: Map<string, GatewayState | 'self'>;
  readonly farEnds: Map<string, FarEndScript>;
  defaultFarEnd: FarEndScript;
  readonly parkListeners: Set<(notice: ParkNotice) => void>;
  /** Run on every answer, after CHANNEL_ANSWER (execute_on_answer). */
  readonly answerHooks: Array<(channel: Channel) => void>;
  readonly scheduler: Scheduler;
  /** mod_xml_cdr: set when the node posts CDRs; each leg's HANGUP_COMPLETE waits for its post. */
  cdrPoster: CdrPoster | undefined;
  sessions: number;
  readonly startedMicros: number;
  newUuid(): string;
}

export function farEndFor(state: NodeState, digits: string): FarEndScript {
  return state.farEnds.get(digits) ?? state.defaultFarEnd;
}

/** The channel with this uuid, unless it is gone or hung up. */
export function liveChannel(state: NodeState, uuid: string | undefined): Channel | undefined {
  if (uuid === undefined) return undefined;
  const channel = state.channels.get(uuid);
  return channel === undefined || channel.hungUp ? undefined : channel;
}

export function defaultNewUuid(): string {
  return randomUUID();
}
