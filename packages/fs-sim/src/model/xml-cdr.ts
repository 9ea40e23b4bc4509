// A leg's CDR as mod_xml_cdr writes it (switch_ivr_generate_xml_cdr), in the layout captured in
// esl-real-next/xml-cdr-post: channel data, every variable (values URL-encoded, array variables
// repeated), the applications run, and the current caller profile with its times. The POST body
// is `cdr=` + the XML, URL-encoded whole with `encode=true`.
import type { HeaderValue } from '../protocol/fs-event.js';
import { urlEncode } from '../protocol/url-encode.js';
import type { CallerProfile } from './caller-profile.js';
import type { Channel } from './channel.js';

export interface CdrIdentity {
  readonly coreUuid: string;
  readonly switchname: string;
}

export function cdrXml(channel: Channel, identity: CdrIdentity): string {
  const lines: string[] = ['<?xml version="1.0"?>', `<cdr core-uuid="${identity.coreUuid}" switchname="${identity.switchname}">`];
  lines.push('  <channel_data>');
  lines.push(`    <state>${channel.runningState}</state>`);
  lines.push(`    <direction>${channel.direction}</direction>`);
  lines.push(`    <state_number>${channel.stateNumber}</state_number>`);
  lines.push(`    <flags>${channel.direction === 'outbound' ? '0=1;1=1;2=1;7=1;40=1;42=1;50=1;55=1;123=1;160=1;165=1' : '0=1;1=1;40=1;42=1;55=1;123=1;160=1'}</flags>`);
  lines.push('    <caps></caps>');
  lines.push('  </channel_data>');
  lines.push('  <call-stats></call-stats>');
  lines.push('  <variables>');
  for (const [name, value] of channel.vars) lines.push(...variableLines(name, value));
  lines.push('  </variables>');
  lines.push('  <app_log>');
  for (const app of channel.appLog) {
    lines.push(`    <application app_name="${escapeXml(app.app)}" app_data="${escapeXml(app.arg)}" app_stamp="${app.at}"></application>`);
  }
  lines.push('  </app_log>');
  const profile = channel.profile;
  lines.push(`  <callflow dialplan="${escapeXml(profile.dialplan)}" unique-id="${channel.uuid}" profile_index="${profile.index}">`);
  // The extension the dialplan (or the originate's `&app()`) ran; after a transfer (uuid_bridge)
  // the current profile's extension lists no applications (they belong to the earlier profile).
  const first = channel.appLog[0];
  const number = channel.kind === 'loopback-a' || channel.kind === 'sofia-out' ? '' : profile.destinationNumber;
  lines.push(`    <extension name="${escapeXml(first?.app ?? '')}" number="${escapeXml(number)}">${profile.index > 1 || first === undefined ? '</extension>' : ''}`);
  if (profile.index === 1 && first !== undefined) {
    for (const app of channel.appLog) lines.push(`      <application app_name="${escapeXml(app.app)}" app_data="${escapeXml(app.arg)}"></application>`);
    lines.push('    </extension>');
  }
  lines.push('    <caller_profile>');
  lines.push(...profileLines(profile, '      '));
  if (channel.other !== undefined) {
    const tag = channel.other.type;
    lines.push(`      <${tag}>`, `        <${tag}_caller_profile>`);
    lines.push(...profileLines(channel.other.profile, '          '));
    lines.push(`        </${tag}_caller_profile>`, `      </${tag}>`);
  }
  lines.push('    </caller_profile>');
  lines.push('    <times>');
  const t = profile.times;
  const times: ReadonlyArray<readonly [string, number]> = [
    ['created_time', t.created], ['profile_created_time', t.profileCreated], ['progress_time', t.progress],
    ['progress_media_time', t.progressMedia], ['answered_time', t.answered], ['bridged_time', t.bridged],
    ['last_hold_time', 0], ['hold_accum_time', 0], ['hangup_time', t.hangup], ['resurrect_time', 0], ['transfer_time', t.transfer],
  ];
  for (const [name, us] of times) lines.push(`      <${name}>${us}</${name}>`);
  lines.push('    </times>');
  lines.push('  </callflow>');
  lines.push('</cdr>');
  return `${lines.join('\n')}\n`;
}

function variableLines(name: string, value: HeaderValue): string[] {
  const values = typeof value === 'string' ? [value] : value;
  return values.map((one) => `    <${name}>${urlEncode(one)}</${name}>`);
}

function profileLines(profile: CallerProfile, indent: string): string[] {
  const fields: ReadonlyArray<readonly [string, string | undefined]> = [
    ['username', profile.username ?? ''],
    ['dialplan', profile.dialplan],
    ['caller_id_name', profile.callerIdName ?? ''],
    ['caller_id_number', profile.callerIdNumber],
    ['callee_id_name', profile.calleeIdName ?? ''],
    ['callee_id_number', profile.calleeIdNumber ?? ''],
    ['ani', profile.ani],
    ['aniii', ''],
    ['network_addr', profile.networkAddr ?? ''],
    ['rdnis', profile.rdnis ?? ''],
    ['destination_number', profile.destinationNumber],
    ['uuid', profile.uuid],
    ['source', profile.source],
    ['transfer_source', profile.transferSource],
    ['context', profile.context],
    ['chan_name', profile.channelName],
  ];
  return fields.filter(([, value]) => value !== undefined).map(([name, value]) => `${indent}<${name}>${escapeXml(value!)}</${name}>`);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The POST body: `cdr=` + the XML, or with `encode` the XML URL-encoded whole (every byte but
 *  letters, digits and `-._/`, the capture shows, so a variable's own `%20` becomes `%2520`). */
export function cdrPostBody(xml: string, encode: boolean): string {
  return `cdr=${encode ? encodeAll(xml) : xml}`;
}

function encodeAll(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._/]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** What a CDR post carried, read without an XML parser: for tests and the CDR endpoint's own
 *  checks. Accepts the body as posted (`cdr=...`, encoded or not) or the XML itself. */
export interface PostedCdr {
  readonly xml: string;
  /** Every `<variables>` entry, URL-decoded; an array variable keeps its last value. */
  readonly variables: Readonly<Record<string, string>>;
}

export function readCdrPost(body: string): PostedCdr {
  const payload = body.startsWith('cdr=') ? body.slice(4) : body;
  const xml = payload.startsWith('%3C') ? decodeURIComponent(payload) : payload;
  const section = /<variables>\n([\s\S]*?)\n\s*<\/variables>/.exec(xml)?.[1] ?? '';
  const variables: Record<string, string> = {};
  for (const match of section.matchAll(/^\s*<([A-Za-z0-9_.-]+)>(.*)<\/\1>$/gm)) {
    variables[match[1]!] = safeDecode(match[2]!);
  }
  return { xml, variables };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
