import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { FreeSwitchError, FreeSwitchResponse, FreeSwitchTimeout, type FreeSwitchEventData } from 'esl';
import { buildBridge, buildExists, buildGetVar, buildKill, buildOriginate, buildPreAnswer, buildRecord, buildSchedHangup, buildSetVar, buildShowChannels, buildTransfer, type TransferTarget } from '../commands/build-commands.js';
import { buildAuth, buildSubscription, subscriptionEvents } from '../commands/build-session-commands.js';
import type { ApiCommand, BgapiCommand } from '../commands/esl-command.js';
import { BadCommandInput, FreeswitchError } from '../errors/freeswitch-error.js';
import type { BackgroundJobEvent, ChannelEvent, ChannelEventName, DecodeResult } from '../events/channel-event.js';
import { decodeEvent, isMalformed } from '../events/decode-event.js';
import { parseOriginateResult } from '../events/parse-originate-result.js';
import type { Logger } from '../logger.js';
import { parseShowChannels, type ShowChannelsResult } from '../replies/parse-show-channels.js';
import { backoffDelayMs, type ReconnectPolicy } from './backoff.js';
import { createEslLogger } from './esl-logger.js';
import { JobWaiter } from './job-waiter.js';
import type { ApiResult, ConnectionStats, DownReason, NodeConnection, NodeConnectionEvents, NodeConnectionOptions, OriginateOptions, OriginateResult } from './node-connection.js';

interface Session {
  readonly socket: Socket;
  readonly call: FreeSwitchResponse;
  up: boolean;
  /** Set when we end the session ourselves, so the close handler knows why. */
  endReason: DownReason | undefined;
  detail: string;
}

const DEFAULT_RECONNECT: ReconnectPolicy = { initialMs: 500, maxMs: 30_000 };
const MALFORMED_LOG_FIRST = 10;

function withoutNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.message || err.name) : String(err);
}

class EslNodeConnection extends EventEmitter<NodeConnectionEvents> implements NodeConnection {
  readonly nodeId: string;
  private readonly log: Logger;
  private readonly eslLog: ReturnType<typeof createEslLogger>;
  private readonly events: readonly ChannelEventName[];
  private readonly authLine: string;
  private readonly subscriptionLine: string;
  private readonly policy: ReconnectPolicy;
  private readonly commandTimeoutMs: number;
  private readonly random: () => number;
  private readonly jobs = new JobWaiter();
  private running = false;
  private session: Session | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private counts = { events: 0, malformed: 0, reconnects: 0 };

  constructor(private readonly opts: NodeConnectionOptions) {
    super();
    const { node } = opts;
    if (typeof node.id !== 'string' || node.id === '') throw new BadCommandInput('node.id', 'empty');
    if (!Number.isInteger(node.port) || node.port < 1 || node.port > 65535) throw new BadCommandInput('node.port', 'not a TCP port');
    this.nodeId = node.id;
    this.authLine = buildAuth(node.password);
    this.events = subscriptionEvents(opts.events);
    this.subscriptionLine = buildSubscription(this.events);
    this.policy = opts.reconnect ?? DEFAULT_RECONNECT;
    this.commandTimeoutMs = opts.commandTimeoutMs ?? 5000;
    this.random = opts.random ?? Math.random;
    this.log = opts.logger.child({ node: node.id });
    this.eslLog = createEslLogger(this.log);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.jobs.settleAll({ ok: false, cause: 'DISCONNECTED' });
    const s = this.session;
    if (s === undefined) return;
    await new Promise<void>((resolve) => {
      s.socket.once('close', () => resolve());
      this.endSession(s, 'STOPPED', 'stop() called');
    });
  }

  isUp(): boolean {
    return this.session?.up === true;
  }

  stats(): ConnectionStats {
    return { ...this.counts };
  }

  private connect(): void {
    if (!this.running || this.session !== undefined) return;
    const { host, port } = this.opts.node;
    const socket = new Socket();
    const call = new FreeSwitchResponse(socket, this.eslLog);
    const s: Session = { socket, call, up: false, endReason: undefined, detail: '' };
    this.session = s;
    socket.on('error', (err) => {
      if (s.detail === '') s.detail = err.message;
    });
    socket.once('close', () => this.onClosed(s));
    this.listen(s);
    socket.connect({ host, port });
    void this.handshake(s);
  }

  private async handshake(s: Session): Promise<void> {
    const t = this.commandTimeoutMs;
    try {
      await s.call.onceAsync('freeswitch_auth_request', t, 'auth/request');
      try {
        await s.call.send(this.authLine, {}, t);
      } catch (err) {
        if (err instanceof FreeSwitchError && err.res !== undefined) {
          const reply = err.args.reply;
          this.authFailed(s, typeof reply === 'string' ? reply : 'refused');
          return;
        }
        throw err;
      }
      await s.call.send(this.subscriptionLine, {}, t);
      if (this.session !== s || s.endReason !== undefined) return;
      s.up = true;
      this.attempt = 0;
      this.log.info({ events: this.events }, 'event socket up');
      this.emit('up');
    } catch (err) {
      if (this.session === s && s.endReason === undefined) this.endSession(s, 'HANDSHAKE_FAILED', describe(err));
    }
  }

  private authFailed(s: Session, reply: string): void {
    const { id, host, port } = this.opts.node;
    const error = new FreeswitchError('AUTH_FAILED', `FreeSWITCH node ${id} (${host}:${port}) refused the event-socket password: ${reply}`, { node: id });
    this.log.error({ err: error }, 'event socket authentication failed');
    this.endSession(s, 'AUTH_FAILED', reply);
    this.emit('auth_failed', error);
  }

  private endSession(s: Session, reason: DownReason, detail: string): void {
    s.endReason ??= reason;
    if (s.detail === '') s.detail = detail;
    s.socket.destroy();
  }

  private onClosed(s: Session): void {
    if (this.session !== s) return;
    this.session = undefined;
    const reason = s.endReason ?? 'CLOSED';
    if (s.up) {
      this.log.warn({ reason, detail: s.detail }, 'event socket down');
      this.emit('down', { reason, detail: s.detail });
    }
    if (!this.running) return;
    const delayMs = reason === 'AUTH_FAILED' || reason === 'REJECTED' ? this.policy.maxMs : backoffDelayMs(this.attempt, this.policy, this.random);
    this.attempt += 1;
    this.log.debug({ attempt: this.attempt, delayMs, reason }, 'event socket reconnect scheduled');
    this.emit('reconnecting', { attempt: this.attempt, delayMs, reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.counts.reconnects += 1;
      this.connect();
    }, delayMs);
  }

  private listen(s: Session): void {
    const onEvent = (data: FreeSwitchEventData): void => {
      this.handle(s, decodeEvent(data.headers, data.body, this.nodeId));
    };
    for (const name of this.events) s.call.on(name, onEvent);
    s.call.on('error.invalid-json', (err) => this.malformed('NOT_JSON', describe(err)));
    s.call.on('error.missing-event-name', (err) => {
      // esl reports names it does not know the same way as a missing name; only the latter is malformed.
      const result = decodeEvent(err.headers, err.body, this.nodeId);
      if (isMalformed(result)) this.handle(s, result);
    });
    s.call.on('error.unhandled-content-type', (err) => this.malformed('UNHANDLED_CONTENT_TYPE', err.content_type));
    s.call.on('error.missing-content-type', () => this.malformed('MISSING_CONTENT_TYPE', 'frame without Content-Type'));
    s.call.on('freeswitch_rude_rejection', () => this.endSession(s, 'REJECTED', 'rude-rejection (ACL)'));
    s.call.on('freeswitch_disconnect_notice', () => this.log.info({}, 'event socket disconnect notice'));
  }

  private handle(s: Session, result: DecodeResult): void {
    if (!result.ok) {
      if (isMalformed(result)) this.malformed(result.reason, result.detail);
      return;
    }
    this.counts.events += 1;
    const event = result.event;
    if (event.name === 'BACKGROUND_JOB') this.finishJob(s, event);
    this.deliver(event);
  }

  private deliver(event: ChannelEvent): void {
    try {
      this.opts.onEvent?.(event);
    } catch (err) {
      this.log.error({ err, event: event.name }, 'onEvent handler threw');
    }
  }

  private finishJob(s: Session, event: BackgroundJobEvent): void {
    // esl keeps every BACKGROUND_JOB nobody awaited in a map forever; take ours back out.
    if (!s.call.closed) s.call.waitAsync(`BACKGROUND_JOB ${event.jobUuid}`, 1, 'drain').catch(() => undefined);
    this.jobs.settle(event.jobUuid, parseOriginateResult(event.body));
  }

  private malformed(reason: string, detail: string): void {
    this.counts.malformed += 1;
    const count = this.counts.malformed;
    if (count <= MALFORMED_LOG_FIRST || count % 1000 === 0) this.log.warn({ reason, detail, count }, 'malformed event frame');
    this.emit('malformed', { count, reason, detail });
  }

  private upSession(): Session | undefined {
    const s = this.session;
    return s !== undefined && s.up ? s : undefined;
  }

  private async api(command: ApiCommand): Promise<ApiResult> {
    const s = this.upSession();
    if (s === undefined) throw new FreeswitchError('DISCONNECTED', `node ${this.nodeId} is not connected`, { node: this.nodeId });
    this.log.debug({ command: command.text }, 'api');
    try {
      const res = await s.call.api(command.text, this.commandTimeoutMs);
      return { ok: true, reply: withoutNewline(res.body) };
    } catch (err) {
      if (err instanceof FreeSwitchError && err.res !== undefined && typeof err.res.body === 'string') {
        return { ok: false, error: withoutNewline(err.res.body) };
      }
      if (err instanceof FreeSwitchTimeout) {
        // A late api/response would be taken as the next command's reply: start a fresh socket.
        this.endSession(s, 'COMMAND_TIMEOUT', command.text);
        throw new FreeswitchError('TIMEOUT', `node ${this.nodeId}: no reply to api within ${this.commandTimeoutMs} ms`, { node: this.nodeId, cause: err });
      }
      throw new FreeswitchError('DISCONNECTED', `node ${this.nodeId}: connection lost during api`, { node: this.nodeId, cause: err });
    }
  }

  private async sendBgapi(s: Session, command: BgapiCommand): Promise<OriginateResult | undefined> {
    try {
      const res = await s.call.send(`bgapi ${command.text}`, { 'Job-UUID': command.jobUuid }, this.commandTimeoutMs);
      const echoed = /Job-UUID: (\S+)/.exec(res.headers['Reply-Text'] ?? '')?.[1] ?? res.headers['Job-UUID'];
      if (echoed !== undefined && echoed !== command.jobUuid) {
        this.log.warn({ jobUuid: command.jobUuid, echoed }, 'FreeSWITCH replaced our Job-UUID');
        this.jobs.rename(command.jobUuid, echoed);
      }
      return undefined;
    } catch (err) {
      if (err instanceof FreeSwitchTimeout) {
        this.endSession(s, 'COMMAND_TIMEOUT', 'bgapi originate');
        return { ok: false, cause: 'TIMEOUT' };
      }
      if (err instanceof FreeSwitchError && err.res !== undefined) {
        this.log.warn({ jobUuid: command.jobUuid, reply: err.args.reply }, 'bgapi refused');
        return { ok: false, cause: 'COMMAND_REJECTED' };
      }
      return { ok: false, cause: 'DISCONNECTED' };
    }
  }

  async originate(o: OriginateOptions): Promise<OriginateResult> {
    const command = buildOriginate(o);
    if (!Number.isInteger(o.timeoutMs) || o.timeoutMs <= 0) throw new BadCommandInput('timeoutMs', 'not a positive integer');
    if (this.jobs.has(command.jobUuid)) throw new BadCommandInput('jobUuid', 'already waiting for this job');
    const s = this.upSession();
    if (s === undefined) return { ok: false, cause: 'DISCONNECTED' };
    this.log.debug({ legUuid: o.legUuid, jobUuid: o.jobUuid }, 'originate');
    const done = this.jobs.wait(command.jobUuid, o.timeoutMs);
    const failed = await this.sendBgapi(s, command);
    if (failed !== undefined) this.jobs.settle(command.jobUuid, failed);
    return await done;
  }

  async preAnswer(uuid: string): Promise<ApiResult> {
    return await this.api(buildPreAnswer(uuid));
  }

  async bridge(a: string, b: string): Promise<ApiResult> {
    return await this.api(buildBridge(a, b));
  }

  async kill(uuid: string, cause?: string): Promise<ApiResult> {
    return await this.api(buildKill(uuid, cause));
  }

  async schedHangup(uuid: string, seconds: number, cause: string): Promise<ApiResult> {
    return await this.api(buildSchedHangup(uuid, seconds, cause));
  }

  async transfer(uuid: string, target: TransferTarget): Promise<ApiResult> {
    return await this.api(buildTransfer(uuid, target));
  }

  async setVar(uuid: string, name: string, value: string): Promise<ApiResult> {
    return await this.api(buildSetVar(uuid, name, value));
  }

  async getVar(uuid: string, name: string): Promise<ApiResult> {
    return await this.api(buildGetVar(uuid, name));
  }

  async exists(uuid: string): Promise<boolean> {
    const result = await this.api(buildExists(uuid));
    return result.ok && result.reply.trim() === 'true';
  }

  async record(uuid: string, action: 'start' | 'stop', path: string): Promise<ApiResult> {
    return await this.api(buildRecord(uuid, action, path));
  }

  async showChannels(): Promise<ShowChannelsResult> {
    const result = await this.api(buildShowChannels());
    return result.ok ? parseShowChannels(result.reply) : result;
  }
}

/**
 * A connection to one FreeSWITCH node in inbound event-socket mode. Building it does no
 * I/O; `start()` connects, authenticates, subscribes and keeps reconnecting with backoff.
 * Throws BadCommandInput for an unusable address or event list.
 */
export function createNodeConnection(opts: NodeConnectionOptions): NodeConnection {
  return new EslNodeConnection(opts);
}
