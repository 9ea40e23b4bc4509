// createSimNode: one simulated FreeSWITCH 1.10 node with an inbound event socket on 127.0.0.1.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { EslBackend } from '../protocol/esl-backend.js';
import { createEslServer } from '../protocol/esl-server.js';
import type { FsEvent } from '../protocol/fs-event.js';
import { runApi } from './api-commands.js';
import type { Channel } from './channel.js';
import { getVar } from './channel.js';
import { hangup, receiveDtmf } from './channel-actions.js';
import { createBoundedLog } from './bounded-log.js';
import { createEventBus, DEFAULT_EVENT_HISTORY } from './event-bus.js';
import type { DeskPhoneRule, FarEndScript, GatewayState } from './far-end-script.js';
import type { NodeState, ParkNotice } from './node-state.js';
import { defaultNewUuid } from './node-state.js';
import type { OriginateCommand } from './parse-originate.js';
import { parseOriginate } from './parse-originate.js';
import type { PlaceCallInput } from './place-call.js';
import { placeCall } from './place-call.js';
import { createScheduler } from './scheduler.js';
import { createSimClock } from './sim-clock.js';
import { executeOnAnswer } from './inline-apps.js';
import type { CdrFailure, CdrPoster, CdrPostRecord, XmlCdrOptions } from './cdr-poster.js';
import { createCdrPoster } from './cdr-poster.js';

export interface SimNodeOptions {
  readonly id: string;
  readonly password: string;
  readonly port?: number;
  /** Sim seconds per real second (default 1). */
  readonly clockRate?: number;
  /** `self` loops calls back into this node's far-end context as SIP legs. */
  readonly gateways?: Readonly<Record<string, GatewayState | 'self'>>;
  readonly farEnds?: Readonly<Record<string, FarEndScript>>;
  readonly defaultFarEnd?: FarEndScript;
  readonly commandDelayMs?: number;
  /** Real ms before an unauthenticated client is dropped (FreeSWITCH: about 25 s). */
  readonly authTimeoutMs?: number;
  readonly hostname?: string;
  /** Context -> callfwd_connection set by the inbound dialplan (default: default=pbx-a, public=pbx-b). */
  readonly inboundContexts?: Readonly<Record<string, string>>;
  /** The context whose numbers are scripted far ends (default `forward-target`). */
  readonly farEndContext?: string;
  readonly deskPhones?: readonly DeskPhoneRule[];
  readonly sipProfile?: string;
  /** billsec, answersec... as differences of whole epoch seconds, like FreeSWITCH (then a 3.04 s
   *  call can bill 4 s). Default false: whole seconds elapsed, so tests can expect exact values. */
  readonly wholeEpochSeconds?: boolean;
  readonly newUuid?: () => string;
  /** mod_xml_cdr: POST each leg's CDR there and hold its HANGUP_COMPLETE until answered 200. */
  readonly xmlCdr?: XmlCdrOptions;
  /** Bench mode: no event history (`events()` stays empty) and shorter command and originate
   *  logs (`logLimit` 20 000 unless set), so a long run's memory stays flat. */
  readonly bench?: boolean;
  /** The command and originate logs keep at least this many entries (default 100 000; 0: none). */
  readonly logLimit?: number;
  /** Events kept for `events()` (default 10 000, bench 0). */
  readonly eventHistory?: number;
}

export interface CommandRecord {
  /** performance.now() when the command was received. */
  readonly at: number;
  readonly conn: number;
  readonly raw: string;
}

export interface OriginateRecord extends OriginateCommand {
  readonly at: number;
  readonly conn: number;
  readonly background: boolean;
}

export interface ChannelSnapshot {
  readonly uuid: string;
  readonly name: string;
  readonly direction: 'inbound' | 'outbound';
  readonly answered: boolean;
  readonly parked: boolean;
  readonly bridgedWith: string | undefined;
  readonly destination: string;
  readonly variables: Readonly<Record<string, string>>;
}

export interface SimNode {
  readonly id: string;
  readonly port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  placeCall(input: PlaceCallInput): { uuid: string };
  hangupCall(uuid: string, cause?: string): boolean;
  /** The far end of this leg presses keys: DTMF events on it (held while a confirm waits for the
   *  answer). False when the leg is gone. */
  sendDtmf(uuid: string, digits: string): boolean;
  dropConnections(): void;
  setCommandDelay(ms: number): void;
  pause(): Promise<void>;
  resume(): Promise<void>;
  setGateway(name: string, state: GatewayState | 'self'): void;
  setFarEnd(digits: string, script: FarEndScript): void;
  commands(): readonly CommandRecord[];
  originates(): readonly OriginateRecord[];
  channels(): readonly ChannelSnapshot[];
  events(): readonly FsEvent[];
  connectionCount(): number;
  /** Turns mod_xml_cdr on, changes it, or (undefined) turns it off, like editing xml_cdr.conf.xml
   *  and `reload mod_xml_cdr`. Posts under way finish with the options they started with. */
  setXmlCdr(options: XmlCdrOptions | undefined): void;
  /** Every CDR POST attempt (last 10 000), and the CDRs given up on (mod_xml_cdr's err-log-dir). */
  cdrPosts(): readonly CdrPostRecord[];
  cdrFailures(): readonly CdrFailure[];
  on(event: 'park', listener: (notice: ParkNotice) => void): void;
  off(event: 'park', listener: (notice: ParkNotice) => void): void;
}

const LOG_LIMIT = 100_000;
const BENCH_LOG_LIMIT = 20_000;

export function createSimNode(options: SimNodeOptions): SimNode {
  const clock = createSimClock(options.clockRate ?? 1);
  const emitter = new EventEmitter();
  const logLimit = options.logLimit ?? (options.bench === true ? BENCH_LOG_LIMIT : LOG_LIMIT);
  const commandLog = createBoundedLog<CommandRecord>(logLimit);
  const originateLog = createBoundedLog<OriginateRecord>(logLimit);
  let commandDelay = options.commandDelayMs ?? 0;
  let port = options.port ?? 0;
  let started = false;
  const newUuid = options.newUuid ?? defaultNewUuid;
  const hostname = options.hostname ?? options.id;
  const coreUuid = newUuid();
  const retired: CdrPoster[] = [];
  const makePoster = (cdr: XmlCdrOptions): CdrPoster => createCdrPoster(cdr, { coreUuid, switchname: hostname }, clock);
  // The server is created below; events published before it exists have no listener anyway.
  let publish: (event: FsEvent) => void = () => undefined;
  const state: NodeState = {
    config: {
      id: options.id,
      hostname,
      inboundContexts: options.inboundContexts ?? { default: 'pbx-a', public: 'pbx-b' },
      farEndContext: options.farEndContext ?? 'forward-target',
      deskPhones: options.deskPhones ?? [],
      sipProfile: options.sipProfile ?? 'external',
      wholeEpochSeconds: options.wholeEpochSeconds ?? false,
    },
    clock,
    bus: createEventBus(
      { coreUuid, hostname },
      clock,
      (event) => publish(event),
      options.eventHistory ?? (options.bench === true ? 0 : DEFAULT_EVENT_HISTORY),
    ),
    channels: new Map(),
    gateways: new Map(Object.entries(options.gateways ?? {})),
    farEnds: new Map(Object.entries(options.farEnds ?? {})),
    defaultFarEnd: options.defaultFarEnd ?? { kind: 'answer', afterMs: 0 },
    parkListeners: new Set([(notice) => emitter.emit('park', notice)]),
    answerHooks: [],
    scheduler: createScheduler(clock),
    cdrPoster: options.xmlCdr === undefined ? undefined : makePoster(options.xmlCdr),
    sessions: 0,
    startedMicros: clock.nowMicros(),
    newUuid,
  };

  state.answerHooks.push((channel) => executeOnAnswer(state, channel));

  const recordOriginate = (conn: number, line: string, background: boolean): void => {
    if (!line.startsWith('originate')) return;
    const parsed = parseOriginate(line.slice('originate'.length));
    if (parsed.ok) originateLog.push({ ...parsed.value, at: performance.now(), conn, background });
  };
  const backend: EslBackend = {
    password: options.password,
    authTimeoutMs: options.authTimeoutMs ?? 25_000,
    commandDelayMs: () => commandDelay,
    recordCommand(conn, raw) {
      if (logLimit <= 0) return;
      commandLog.push({ at: performance.now(), conn, raw });
      const [verb, ...rest] = raw.split('\n')[0]!.split(' ');
      if (verb === 'api' || verb === 'bgapi') recordOriginate(conn, rest.join(' '), verb === 'bgapi');
    },
    api: (line) => runApi(state, line),
    startBackgroundJob(jobUuid, line) {
      const space = line.indexOf(' ');
      const command = space < 0 ? line : line.slice(0, space);
      const args = space < 0 ? '' : line.slice(space + 1);
      void runApi(state, line).then((body) => {
        const headers: Array<readonly [string, string]> = [['Job-UUID', jobUuid], ['Job-Command', command]];
        if (args !== '') headers.push(['Job-Command-Arg', args]);
        state.bus.emit('BACKGROUND_JOB', headers, body);
      });
    },
    newUuid,
  };
  const server = createEslServer(backend);
  publish = (event) => server.publish(event);

  return {
    id: options.id,
    get port() {
      return port;
    },
    async start() {
      if (started) return;
      port = await server.listen(port);
      started = true;
    },
    async stop() {
      clock.stop();
      state.cdrPoster?.close();
      for (const poster of retired) poster.close();
      started = false;
      await server.close();
    },
    placeCall: (input) => ({ uuid: placeCall(state, input).uuid }),
    hangupCall(uuid, cause = 'NORMAL_CLEARING') {
      const channel = state.channels.get(uuid);
      if (channel === undefined || channel.hungUp) return false;
      hangup(state, channel, cause);
      return true;
    },
    sendDtmf(uuid, digits) {
      const channel = state.channels.get(uuid);
      if (channel === undefined || channel.hungUp) return false;
      for (const digit of digits) receiveDtmf(state, channel, digit);
      return true;
    },
    dropConnections: () => server.dropConnections(),
    setCommandDelay(ms) {
      commandDelay = ms;
    },
    async pause() {
      await server.pause();
      started = false;
    },
    async resume() {
      if (started) return;
      port = await server.listen(port);
      started = true;
    },
    setGateway: (name, gatewayState) => void state.gateways.set(name, gatewayState),
    setFarEnd: (digits, script) => void state.farEnds.set(digits, script),
    commands: () => commandLog.items(),
    originates: () => originateLog.items(),
    channels: () => [...state.channels.values()].filter((channel) => !channel.hungUp).map(snapshot),
    events: () => state.bus.history().map((recorded) => recorded.event),
    connectionCount: () => server.connectionCount(),
    setXmlCdr(cdr) {
      if (state.cdrPoster !== undefined) retired.push(state.cdrPoster);
      state.cdrPoster = cdr === undefined ? undefined : makePoster(cdr);
    },
    cdrPosts: () => [...retired, ...(state.cdrPoster === undefined ? [] : [state.cdrPoster])].flatMap((poster) => poster.records()),
    cdrFailures: () => [...retired, ...(state.cdrPoster === undefined ? [] : [state.cdrPoster])].flatMap((poster) => poster.failures()),
    on: (_event, listener) => void emitter.on('park', listener),
    off: (_event, listener) => void emitter.off('park', listener),
  };
}

function snapshot(channel: Channel): ChannelSnapshot {
  const variables: Record<string, string> = {};
  for (const name of channel.vars.keys()) variables[name] = getVar(channel, name) ?? '';
  return {
    uuid: channel.uuid,
    name: channel.name,
    direction: channel.direction,
    answered: channel.answered,
    parked: channel.parked,
    bridgedWith: channel.bridgedWith,
    destination: channel.profile.destinationNumber,
    variables,
  };
}
