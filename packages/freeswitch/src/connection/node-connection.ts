import type { EventEmitter } from 'node:events';
import type { OriginateInput, TransferTarget } from '../commands/build-commands.js';
import type { FreeswitchError } from '../errors/freeswitch-error.js';
import type { ChannelEvent, ChannelEventName } from '../events/channel-event.js';
import type { Logger } from '../logger.js';
import type { ApiResult } from '../replies/parse-api-reply.js';
import type { SchedApiResult } from '../replies/parse-sched-api-reply.js';
import type { SchedDelResult } from '../replies/parse-sched-del-reply.js';
import type { ShowChannelsResult } from '../replies/parse-show-channels.js';
import type { VarReply } from '../replies/parse-var-reply.js';
import type { ReconnectPolicy } from './backoff.js';

export interface NodeAddress {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

export interface NodeConnectionOptions {
  readonly node: NodeAddress;
  /**
   * A subset of EVENTS_CALLFWD_NEEDS (default: all of it). BACKGROUND_JOB is added to a
   * non-empty list. `[]` subscribes to nothing (no `event` command): a command-only
   * connection, which can `sendOriginate` but not `originate`.
   */
  readonly events?: readonly ChannelEventName[];
  readonly logger: Logger;
  /** Default { initialMs: 500, maxMs: 30000 }. */
  readonly reconnect?: ReconnectPolicy;
  /** Per api/command reply; default 5000. */
  readonly commandTimeoutMs?: number;
  /** Called synchronously for every decoded event; must not block. A throw is logged, never propagated. */
  readonly onEvent?: (event: ChannelEvent) => void;
  /** Source of jitter, [0, 1); default Math.random. */
  readonly random?: () => number;
}

export type { ApiResult };

/**
 * How FreeSWITCH answered a `bgapi` (its command/reply, not the job's result): `jobUuid` is
 * the Job-UUID it echoed (ours), which the BACKGROUND_JOB will carry; `error` a `-ERR` reply.
 */
export type SendResult =
  { readonly ok: true; readonly jobUuid: string } | { readonly ok: false; readonly error: string };

/**
 * `cause` is FreeSWITCH's (USER_BUSY, NO_ANSWER, INVALID_GATEWAY, ORIGINATOR_CANCEL, ...) or ours:
 * DISCONNECTED (not connected, or the connection failed while sending), TIMEOUT (no
 * BACKGROUND_JOB within timeoutMs), COMMAND_REJECTED (bgapi refused), UNPARSEABLE_REPLY.
 * After TIMEOUT or DISCONNECTED the leg may still exist: check `exists(legUuid)` or kill it.
 */
export type OriginateResult =
  { readonly ok: true; readonly uuid: string } | { readonly ok: false; readonly cause: string };

export interface OriginateOptions {
  readonly legUuid: string;
  readonly jobUuid: string;
  readonly dialString: string;
  readonly variables: Readonly<Record<string, string>>;
  /** How long to wait for the BACKGROUND_JOB; make it longer than originate_timeout. */
  readonly timeoutMs: number;
}

export type DownReason =
  'CLOSED' | 'AUTH_FAILED' | 'REJECTED' | 'HANDSHAKE_FAILED' | 'COMMAND_TIMEOUT' | 'STOPPED';

export interface ConnectionStats {
  readonly events: number;
  readonly malformed: number;
  readonly reconnects: number;
}

export interface NodeConnectionEvents {
  up: [];
  down: [info: { readonly reason: DownReason; readonly detail: string }];
  auth_failed: [error: FreeswitchError];
  malformed: [info: { readonly count: number; readonly reason: string; readonly detail: string }];
  reconnecting: [info: { readonly attempt: number; readonly delayMs: number; readonly reason: DownReason }];
}

export interface NodeConnection extends EventEmitter<NodeConnectionEvents> {
  readonly nodeId: string;
  start(): void;
  stop(): Promise<void>;
  isUp(): boolean;
  stats(): ConnectionStats;
  /** Sends the originate and waits for its BACKGROUND_JOB. */
  originate(o: OriginateOptions): Promise<OriginateResult>;
  /**
   * Sends `bgapi originate ...` with our Job-UUID and resolves at FreeSWITCH's command reply,
   * without waiting for the BACKGROUND_JOB (whoever listens for it matches it by Job-UUID).
   * Rejects with FreeswitchError DISCONNECTED / TIMEOUT; BadCommandInput before anything is written.
   */
  sendOriginate(o: OriginateInput): Promise<SendResult>;
  preAnswer(uuid: string): Promise<ApiResult>;
  bridge(a: string, b: string): Promise<ApiResult>;
  kill(uuid: string, cause?: string): Promise<ApiResult>;
  schedHangup(uuid: string, seconds: number, cause: string): Promise<ApiResult>;
  transfer(uuid: string, target: TransferTarget): Promise<ApiResult>;
  setVar(uuid: string, name: string, value: string): Promise<ApiResult>;
  getVar(uuid: string, name: string): Promise<ApiResult>;
  /** `uuid_getvar`, read: a value, unset (`_undef_`), no such channel, or another error. */
  readVar(uuid: string, name: string): Promise<VarReply>;
  /** `sched_api +<seconds> <group> uuid_kill <uuid> <cause>`: the task id FreeSWITCH gave it. */
  schedKill(uuid: string, seconds: number, cause: string, group: string): Promise<SchedApiResult>;
  /** Both parties of `uuid` hear `path` in `seconds` (a sched_api task of `group`). */
  schedBroadcast(uuid: string, seconds: number, path: string, group: string): Promise<SchedApiResult>;
  /** `sched_del <group>`: how many tasks were removed. */
  schedDel(group: string): Promise<SchedDelResult>;
  exists(uuid: string): Promise<boolean>;
  record(uuid: string, action: 'start' | 'stop', path: string): Promise<ApiResult>;
  showChannels(): Promise<ShowChannelsResult>;
}
