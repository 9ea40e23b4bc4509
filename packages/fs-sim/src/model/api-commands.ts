// The api commands a simulated node answers, with FreeSWITCH 1.10.12's reply texts.
import type { Channel } from './channel.js';
import { getVar, setVar } from './channel.js';
import { answer, hangup, park, preAnswer, startRecording, stopRecording } from './channel-actions.js';
import { completeUuidBridge } from './bridge.js';
import { transferLeg } from './dialplan.js';
import { parseInlineApps, runInlineApps } from './inline-apps.js';
import type { NodeState } from './node-state.js';
import { liveChannel } from './node-state.js';
import type { ApiHandler } from './scheduler-commands.js';
import { createSchedulerCommands, showTasks } from './scheduler-commands.js';
import { showChannels, sofiaStatus, statusText, VERSION_TEXT } from './node-reports.js';
import { flipCallerId, originate } from './originate.js';
import { parseOriginate } from './parse-originate.js';
import { channelHeaders } from './channel-event.js';
import { urlEncode } from '../protocol/url-encode.js';

const NO_SUCH_CHANNEL = '-ERR No such channel!\n';
const ORIGINATE_USAGE =
  '-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]\n';

/** Runs one api command line; an empty result is `-ERR no reply\n`, as in FreeSWITCH. */
export async function runApi(state: NodeState, line: string): Promise<string> {
  const trimmed = line.replace(/\s+$/, '');
  const space = trimmed.indexOf(' ');
  const command = space < 0 ? trimmed : trimmed.slice(0, space);
  const rest = space < 0 ? '' : trimmed.slice(space + 1).trim();
  const handler = HANDLERS[command];
  if (handler === undefined) return `-ERR ${command} Command not found!\n`;
  const body = await handler(state, rest === '' ? [] : rest.split(/\s+/), rest);
  return body === '' ? '-ERR no reply\n' : body;
}

const later = (state: NodeState, fn: () => void): void => void state.clock.after(0, fn);

const HANDLERS: Readonly<Record<string, ApiHandler>> = {
  version: () => `${VERSION_TEXT}\n`,
  status: (state) => statusText(state),
  eval: () => '',
  global_getvar: (state, [name]) => (name === 'hostname' ? state.config.hostname : ''),
  show(state, args) {
    if (args[0] === 'channels' || args[0] === 'calls') return showChannels(state, args.slice(1));
    return args[0] === 'tasks' ? showTasks(state) : '-USAGE: show <...>\n';
  },
  // The capture node's reply to `reload mod_xml_cdr` (any module: the same three lines).
  reload: (_state, [module]) => (module === undefined ? '-USAGE: [-f] <mod_name>\n' : '+OK Reloading XML\n+OK module unloaded\n+OK module loaded\n'),
  sofia: (state, args) => (args[0] === 'status' ? sofiaStatus(state, args.slice(1)) : ''),
  originate: originateCommand,
  uuid_kill(state, [uuid, cause]) {
    if (uuid === undefined) return '-USAGE: <uuid> [cause]\n';
    const channel = liveChannel(state, uuid);
    if (channel === undefined) return NO_SUCH_CHANNEL;
    later(state, () => hangup(state, channel, cause ?? 'NORMAL_CLEARING'));
    return '+OK\n';
  },
  uuid_bridge(state, [a, b]) {
    if (a === undefined || b === undefined) return '-USAGE: <uuid> <other_uuid>\n';
    const inLeg = liveChannel(state, a);
    const outLeg = liveChannel(state, b);
    if (inLeg === undefined || outLeg === undefined) return '-ERR Invalid uuid\n';
    later(state, () => completeUuidBridge(state, inLeg, outLeg));
    return `+OK ${b}\n`;
  },
  uuid_pre_answer(state, [uuid]) {
    const channel = liveChannel(state, uuid);
    if (channel === undefined) return '-ERROR\n';
    preAnswer(state, channel);
    return '+OK\n';
  },
  uuid_answer(state, [uuid]) {
    const channel = liveChannel(state, uuid);
    if (channel === undefined) return '-ERROR\n';
    answer(state, channel);
    return '+OK\n';
  },
  uuid_exists: (state, [uuid]) => (liveChannel(state, uuid) === undefined ? 'false' : 'true'),
  uuid_getvar(state, [uuid, name]) {
    const channel = liveChannel(state, uuid);
    if (channel === undefined) return NO_SUCH_CHANNEL;
    return getVar(channel, name ?? '') ?? '_undef_';
  },
  uuid_setvar(state, [uuid, name, ...value]) {
    const channel = liveChannel(state, uuid);
    if (channel === undefined) return NO_SUCH_CHANNEL;
    if (name === undefined) return '-USAGE: <uuid> <var> [value]\n';
    if (value.length === 0) channel.vars.delete(name);
    else setVar(channel, name, value.join(' '));
    return '+OK\n';
  },
  uuid_dump(state, [uuid]) {
    const channel = liveChannel(state, uuid);
    if (channel === undefined) return NO_SUCH_CHANNEL;
    return channelHeaders(channel)
      .map(([name, value]) => `${name}: ${urlEncode(typeof value === 'string' ? value : `ARRAY::${value.join('|:')}`)}\n`)
      .join('');
  },
  uuid_transfer(state, args, rest) {
    const [uuid] = args;
    if (uuid === undefined || args.length < 2) return '-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n';
    const channel = liveChannel(state, uuid);
    if (channel === undefined) return NO_SUCH_CHANNEL;
    const quoted = /^\S+\s+'([^']*)'\s*(\S+)?\s*(\S+)?/.exec(rest);
    const destination = quoted?.[1] ?? args[1]!;
    const dialplan = (quoted === null ? args[2] : quoted[2]) ?? 'XML';
    const context = (quoted === null ? args[3] : quoted[3]) ?? 'default';
    later(state, () => {
      if (dialplan === 'inline') {
        transferInline(state, channel, destination);
      } else {
        transferLeg(state, channel, destination, context, dialplan);
      }
    });
    return '+OK\n';
  },
  uuid_record(state, [uuid, action, path]) {
    const channel = liveChannel(state, uuid);
    if (channel === undefined) return '-ERR Cannot locate session!\n';
    if (path === undefined || (action !== 'start' && action !== 'stop')) return '-USAGE: <uuid> [start|stop|mask|unmask] <path> [<limit>]\n';
    if (action === 'start') startRecording(state, channel, path);
    else if (path === 'all') for (const recording of [...channel.recordings.keys()]) stopRecording(state, channel, recording, 'success-maxtime');
    else stopRecording(state, channel, path, 'success-maxtime');
    return '+OK Success\n';
  },
  ...createSchedulerCommands(runApi),
  hupall(state, [cause, name, value]) {
    const hangupCause = cause ?? 'MANAGER_REQUEST';
    const targets = [...state.channels.values()].filter(
      (channel) => !channel.hungUp && (name === undefined || getVar(channel, name) === value),
    );
    later(state, () => targets.forEach((channel) => hangup(state, channel, hangupCause)));
    return name === undefined
      ? `+OK hangup all channels with cause ${hangupCause}\n`
      : `+OK hangup all channels matching [${name}]=[${value ?? ''}] with cause: ${hangupCause}\n`;
  },
};

function transferInline(state: NodeState, channel: Channel, destination: string): void {
  channel.parked = false;
  const now = state.clock.nowMicros();
  const source = `${Math.floor(now / 1e6)}:${state.newUuid()}:uuid_tr:${destination}/inline`;
  setVar(channel, 'transfer_history', source);
  setVar(channel, 'transfer_source', source);
  channel.profile = {
    ...channel.profile,
    dialplan: 'inline',
    transferSource: source,
    index: channel.profile.index + 1,
    times: { ...channel.profile.times, profileCreated: now, transfer: now },
  };
  void runInlineApps(state, channel, parseInlineApps(destination));
}

async function originateCommand(state: NodeState, _args: string[], rest: string): Promise<string> {
  const parsed = parseOriginate(rest);
  if (!parsed.ok) return ORIGINATE_USAGE;
  const { app, exten } = parsed.value;
  const outcome = await originate(state, parsed.value);
  if (!outcome.ok) return `-ERR ${outcome.cause}\n`;
  const leg = outcome.channel;
  flipCallerId(leg);
  later(state, () => {
    if (app === 'park' || app === undefined) {
      if (exten === undefined) park(state, leg);
      else transferLeg(state, leg, exten, 'default', 'XML');
    } else if (app === 'hangup') {
      hangup(state, leg, 'NORMAL_CLEARING');
    } else {
      void runInlineApps(state, leg, [{ app, arg: parsed.value.appArgs }]);
    }
  });
  return `+OK ${leg.uuid}\n`;
}
