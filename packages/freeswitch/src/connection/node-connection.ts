import type { EventEmitter } from 'node:events';
import type { TransferTarget } from '../commands/build-commands.js';
import type { FreeswitchError } from '../errors/freeswitch-error.js';
import type { ChannelEvent, ChannelEventName } from '../events/channel-event.js';
import type { Logger } from '../logger.js';
import type { ShowChannelsResult } from '../replies/parse-show-channels.js';
import type { ReconnectPolicy } from './backoff.js';

export interface NodeAddress {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

export interface NodeConnectionOptions {
  readonly node: NodeAddress;
  /** A subset of EVENTS_CALLFWD_NEEDS (default: all of it). BACKGROUND_JOB is always added. */
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

/** `-ERR ...` and `-USAGE: ...` replies are values; only I/O failures reject (FreeswitchError DISCONNECTED / TIMEOUT). */
export type ApiResult =
  { readonly ok: true; readonly reply: string } | { readonly ok: false; readonly error: string };

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
  originate(o: OriginateOptions): Promise<OriginateResult>;
  preAnswer(uuid: string): Promise<ApiResult>;
  bridge(a: string, b: string): Promise<ApiResult>;
  kill(uuid: string, cause?: string): Promise<ApiResult>;
  schedHangup(uuid: string, seconds: number, cause: string): Promise<ApiResult>;
  transfer(uuid: string, target: TransferTarget): Promise<ApiResult>;
  setVar(uuid: string, name: string, value: string): Promise<ApiResult>;
  getVar(uuid: string, name: string): Promise<ApiResult>;
  exists(uuid: string): Promise<boolean>;
  record(uuid: string, action: 'start' | 'stop', path: string): Promise<ApiResult>;
  showChannels(): Promise<ShowChannelsResult>;
}
