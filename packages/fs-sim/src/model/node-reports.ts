// Text replies that describe the node: version, status, show channels, sofia status.
import type { Channel } from './channel.js';
import { getVar } from './channel.js';
import { formatLocal } from './event-bus.js';
import type { NodeState } from './node-state.js';

export const VERSION_TEXT = 'FreeSWITCH Version 1.10.12-release~64bit ( 64bit)';

export function statusText(state: NodeState): string {
  let us = Math.max(0, state.clock.nowMicros() - state.startedMicros);
  const parts: number[] = [];
  for (const size of [365 * 86_400e6, 86_400e6, 3_600e6, 60e6, 1e6, 1e3]) {
    parts.push(Math.floor(us / size));
    us %= size;
  }
  const [years, days, hours, minutes, seconds, millis] = parts;
  return (
    `UP ${years} years, ${days} days, ${hours} hours, ${minutes} minutes, ${seconds} seconds, ${millis} milliseconds, ${us} microseconds\n` +
    'FreeSWITCH (Version 1.10.12-release  64bit) is ready\n' +
    `${state.sessions} session(s) since startup\n` +
    `${state.channels.size} session(s) - peak ${state.channels.size}, last 5min ${state.channels.size} \n` +
    '0 session(s) per Sec out of max 30, peak 0, last 5min 0 \n' +
    '1000 session(s) max\n' +
    'min idle cpu 0.00/100.00\n' +
    'Current Stack Size/Max 240K/8192K\n'
  );
}

const COLUMNS = [
  'uuid', 'direction', 'created', 'created_epoch', 'name', 'state', 'cid_name', 'cid_num', 'ip_addr', 'dest',
  'application', 'application_data', 'dialplan', 'context', 'read_codec', 'read_rate', 'read_bit_rate',
  'write_codec', 'write_rate', 'write_bit_rate', 'secure', 'hostname', 'presence_id', 'presence_data',
  'accountcode', 'callstate', 'callee_name', 'callee_num', 'callee_direction', 'call_uuid', 'sent_callee_name',
  'sent_callee_num', 'initial_cid_name', 'initial_cid_num', 'initial_ip_addr', 'initial_dest', 'initial_dialplan',
  'initial_context',
] as const;

function channelRow(state: NodeState, channel: Channel): Record<(typeof COLUMNS)[number], string> {
  const p = channel.profile;
  const created = p.times.created;
  return {
    uuid: channel.uuid, direction: channel.direction, created: formatLocal(new Date(created / 1000)),
    created_epoch: String(Math.floor(created / 1e6)), name: channel.name, state: channel.runningState,
    cid_name: p.callerIdName ?? '', cid_num: p.callerIdNumber, ip_addr: '', dest: p.destinationNumber,
    application: channel.application ?? '', application_data: channel.applicationData ?? '', dialplan: p.dialplan,
    context: p.context, read_codec: 'L16', read_rate: '8000', read_bit_rate: '128000', write_codec: 'L16',
    write_rate: '8000', write_bit_rate: '128000', secure: '', hostname: state.config.hostname, presence_id: '',
    presence_data: '', accountcode: '', callstate: channel.callState, callee_name: p.calleeIdName ?? '',
    callee_num: p.calleeIdNumber ?? '', callee_direction: '', call_uuid: getVar(channel, 'call_uuid') ?? '',
    sent_callee_name: '', sent_callee_num: '', initial_cid_name: p.origCallerIdName ?? '',
    initial_cid_num: p.origCallerIdNumber ?? '', initial_ip_addr: '', initial_dest: p.destinationNumber,
    initial_dialplan: p.dialplan, initial_context: p.context,
  };
}

/** `show channels [as json]` / `show calls [count]`: live, named channels. */
export function showChannels(state: NodeState, args: readonly string[]): string {
  const live = [...state.channels.values()].filter((channel) => !channel.hungUp && channel.name !== 'N/A');
  const json = args.join(' ').includes('as json');
  if (args.includes('count')) return `\n${live.length} total.\n`;
  if (json) {
    if (live.length === 0) return '{"row_count": 0}\n';
    const rows = live.map((channel) => channelRow(state, channel));
    return `{"row_count": ${live.length}, "rows": ${JSON.stringify(rows)}}\n`;
  }
  if (live.length === 0) return '\n0 total.\n';
  const lines = live.map((channel) => COLUMNS.map((column) => channelRow(state, channel)[column]).join(','));
  return `${COLUMNS.join(',')}\n${lines.join('\n')}\n\n${live.length} total.\n`;
}

export function sofiaStatus(state: NodeState, args: readonly string[]): string {
  const profile = state.config.sipProfile;
  if (args[0] === 'gateway') {
    const name = args[1] ?? '';
    return state.gateways.has(name) ? `Name    \t${profile}::${name}\nState   \tNOREG\n` : 'Invalid Gateway!\n';
  }
  const rule = '='.repeat(97);
  const row = (name: string, type: string, data: string, status: string): string =>
    `${name.padStart(25)}\t${type.padStart(7)}\t${data.padStart(42)}\t${status}\n`;
  let text = `${row('Name', 'Type', 'Data', 'State')}${rule}\n${row(profile, 'profile', 'sip:mod_sofia@127.0.0.1:5090', 'RUNNING (0)')}`;
  for (const [name, gatewayState] of [...state.gateways].sort(([a], [b]) => a.localeCompare(b))) {
    // A gateway whose proxy is down still shows NOREG (it does not register); only its address differs.
    const address = gatewayState === 'down' ? 'sip:FreeSWITCH@127.0.0.1:5099' : 'sip:FreeSWITCH@127.0.0.1:5090';
    text += row(`${profile}::${name}`, 'gateway', address, 'NOREG');
  }
  return `${text}${rule}\n1 profile 0 aliases\n`;
}
