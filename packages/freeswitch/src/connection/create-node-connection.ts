import { Socket } from 'node:net';
import { FreeSwitchResponse } from 'esl';
import { buildOriginate } from '../commands/build-commands.js';
import { buildAuth, buildSubscription, subscriptionEvents } from '../commands/build-session-commands.js';
import type { ApiCommand, BgapiCommand } from '../commands/esl-command.js';
import { BadCommandInput, FreeswitchError } from '../errors/freeswitch-error.js';
import type { BackgroundJobEvent, ChannelEvent, ChannelEventName } from '../events/channel-event.js';
import { parseOriginateResult } from '../events/parse-originate-result.js';
import type { Logger } from '../logger.js';
import { backoffDelayMs, type ReconnectPolicy } from './backoff.js';
import { CommandPipeline } from './command-pipeline.js';
import { exchangeHandshake } from './esl-exchange.js';
import { createEslLogger } from './esl-logger.js';
import { listenForEvents } from './event-intake.js';
import { NodeCommands } from './node-commands.js';
import { JobWaiter } from './job-waiter.js';
import type {
  ConnectionStats,
  DownReason,
  NodeConnection,
  NodeConnectionOptions,
  OriginateOptions,
  OriginateResult,
  SendResult,
} from './node-connection.js';

interface Session {
  readonly socket: Socket;
  readonly call: FreeSwitchResponse;
  /** api and bgapi after the handshake, written without waiting for earlier replies. */
  readonly pipeline: CommandPipeline;
  up: boolean;
  /** Set when we end the session ourselves, so the close handler knows why. */
  endReason: DownReason | undefined;
  detail: string;
}

const DEFAULT_RECONNECT: ReconnectPolicy = { initialMs: 500, maxMs: 30_000 };
const MALFORMED_LOG_FIRST = 10;

class EslNodeConnection extends NodeCommands implements NodeConnection {
  readonly nodeId: string;
  private readonly log: Logger;
  private readonly eslLog: ReturnType<typeof createEslLogger>;
  private readonly events: readonly ChannelEventName[];
  private readonly authLine: string;
  private readonly subscriptionLine: string | undefined;
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
    if (!Number.isInteger(node.port) || node.port < 1 || node.port > 65535)
      throw new BadCommandInput('node.port', 'not a TCP port');
    this.nodeId = node.id;
    this.authLine = buildAuth(node.password);
    this.events = subscriptionEvents(opts.events);
    this.subscriptionLine = buildSubscription(this.events);
    this.policy = opts.reconnect ?? DEFAULT_RECONNECT;
    this.commandTimeoutMs = opts.commandTimeoutMs ?? 5000;
    this.random = opts.random ?? Math.random;
    this.log = opts.logger.child({ node: node.id });
    this.eslLog = createEslLogger(this.log, node.password);
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
    const s: Session = { socket, call, pipeline: new CommandPipeline(call), up: false, endReason: undefined, detail: '' };
    this.session = s;
    socket.on('error', (err) => {
      if (s.detail === '') s.detail = err.message;
    });
    socket.once('close', () => {
      s.pipeline.close();
      this.onClosed(s);
    });
    this.listen(s);
    socket.connect({ host, port });
    void this.handshake(s);
  }

  private async handshake(s: Session): Promise<void> {
    const outcome = await exchangeHandshake(
      s.call,
      this.authLine,
      this.subscriptionLine,
      this.commandTimeoutMs,
    );
    if (this.session !== s || s.endReason !== undefined) return;
    if (outcome.kind === 'auth_failed') return this.authFailed(s, outcome.reply);
    if (outcome.kind === 'failed') return this.endSession(s, 'HANDSHAKE_FAILED', outcome.detail);
    s.up = true;
    this.attempt = 0;
    this.log.info({ events: this.events }, 'event socket up');
    this.emit('up');
  }

  private authFailed(s: Session, reply: string): void {
    const { id, host, port } = this.opts.node;
    const error = new FreeswitchError(
      'AUTH_FAILED',
      `FreeSWITCH node ${id} (${host}:${port}) refused the event-socket password: ${reply}`,
      { node: id },
    );
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
    const delayMs =
      reason === 'AUTH_FAILED' || reason === 'REJECTED'
        ? this.policy.maxMs
        : backoffDelayMs(this.attempt, this.policy, this.random);
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
    listenForEvents(s.call, {
      nodeId: this.nodeId,
      events: this.events,
      onEvent: (event) => this.handle(s, event),
      onMalformed: (reason, detail) => this.malformed(reason, detail),
    });
    s.call.on('freeswitch_rude_rejection', () => this.endSession(s, 'REJECTED', 'rude-rejection (ACL)'));
    s.call.on('freeswitch_disconnect_notice', () => this.log.info({}, 'event socket disconnect notice'));
  }

  private handle(s: Session, event: ChannelEvent): void {
    this.counts.events += 1;
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
    if (!s.call.closed)
      s.call.waitAsync(`BACKGROUND_JOB ${event.jobUuid}`, 1, 'drain').catch(() => undefined);
    this.jobs.settle(event.jobUuid, parseOriginateResult(event.body));
  }

  private malformed(reason: string, detail: string): void {
    this.counts.malformed += 1;
    const count = this.counts.malformed;
    if (count <= MALFORMED_LOG_FIRST || count % 1000 === 0)
      this.log.warn({ reason, detail, count }, 'malformed event frame');
    this.emit('malformed', { count, reason, detail });
  }

  private upSession(): Session | undefined {
    const s = this.session;
    return s !== undefined && s.up ? s : undefined;
  }

  /** An I/O failure of a command, naming the node. */
  private ioError(code: 'DISCONNECTED' | 'TIMEOUT', problem: string, cause?: unknown): FreeswitchError {
    return new FreeswitchError(code, `node ${this.nodeId}: ${problem}`, { node: this.nodeId, cause });
  }

  /** Not connected: nothing was written. */
  private notConnected(): FreeswitchError {
    return new FreeswitchError('DISCONNECTED', `node ${this.nodeId}: not connected`, { node: this.nodeId, unsent: true });
  }

  /** A late reply would be taken as the next command's: the session ends, a fresh one is opened. */
  private timedOut(s: Session, kind: 'api' | 'bgapi', text: string, cause: unknown): FreeswitchError {
    this.endSession(s, 'COMMAND_TIMEOUT', text);
    return this.ioError('TIMEOUT', `no reply to ${kind} within ${this.commandTimeoutMs} ms`, cause);
  }

  protected async apiBody(command: ApiCommand): Promise<string> {
    const s = this.upSession();
    if (s === undefined) throw this.notConnected();
    this.log.debug({ command: command.text }, 'api');
    const outcome = await s.pipeline.api(command, this.commandTimeoutMs);
    if (outcome.kind === 'reply') return outcome.body;
    if (outcome.kind === 'timeout') throw this.timedOut(s, 'api', command.text, outcome.error);
    throw this.ioError('DISCONNECTED', 'connection lost during api', outcome.error);
  }

  protected async bgapi(command: BgapiCommand): Promise<SendResult> {
    const s = this.upSession();
    if (s === undefined) throw this.notConnected();
    const outcome = await s.pipeline.bgapi(command, this.commandTimeoutMs);
    switch (outcome.kind) {
      case 'accepted':
        if (outcome.jobUuid !== command.jobUuid)
          this.log.warn(
            { jobUuid: command.jobUuid, echoed: outcome.jobUuid },
            'FreeSWITCH replaced our Job-UUID',
          );
        return { ok: true, jobUuid: outcome.jobUuid };
      case 'rejected':
        this.log.warn({ jobUuid: command.jobUuid, reply: outcome.reply }, 'bgapi refused');
        return { ok: false, error: outcome.reply };
      case 'timeout':
        throw this.timedOut(s, 'bgapi', `bgapi ${command.text.split(' ', 1)[0] ?? ''}`, outcome.error);
      case 'disconnected':
        throw this.ioError('DISCONNECTED', 'connection lost during bgapi', outcome.error);
    }
  }

  async originate(o: OriginateOptions): Promise<OriginateResult> {
    const command = buildOriginate(o);
    if (!Number.isInteger(o.timeoutMs) || o.timeoutMs <= 0)
      throw new BadCommandInput('timeoutMs', 'not a positive integer');
    if (!this.events.includes('BACKGROUND_JOB'))
      throw new BadCommandInput('events', 'no BACKGROUND_JOB subscribed to wait for: use sendOriginate');
    if (this.jobs.has(command.jobUuid)) throw new BadCommandInput('jobUuid', 'already waiting for this job');
    if (this.upSession() === undefined) return { ok: false, cause: 'DISCONNECTED' };
    this.log.debug({ legUuid: o.legUuid, jobUuid: o.jobUuid }, 'originate');
    const done = this.jobs.wait(command.jobUuid, o.timeoutMs);
    const sent = await this.bgapi(command).catch((err: unknown) =>
      err instanceof FreeswitchError ? err : this.ioError('DISCONNECTED', 'bgapi failed', err),
    );
    if (sent instanceof FreeswitchError) this.jobs.settle(command.jobUuid, { ok: false, cause: sent.code });
    else if (!sent.ok) this.jobs.settle(command.jobUuid, { ok: false, cause: 'COMMAND_REJECTED' });
    else this.jobs.rename(command.jobUuid, sent.jobUuid);
    return await done;
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
