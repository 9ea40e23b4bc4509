// mod_xml_cdr's POST of one leg: `cdr=<URL-encoded XML>` (encode=true), `cdr=<raw XML>`
// (encode=false), or the XML alone (an err-log-dir file). Only the flat <variables> block is read:
// FreeSWITCH writes each variable as <name>URL-encoded value</name>. fast-xml-parser does not
// resolve from this package (not a dependency), and this flat block needs no general XML parser.
import { describeIssues } from '@callfwd/domain';
import { LegCdrSchema, type LegCdr } from '../schemas/leg-cdr.js';

export type ParseXmlCdrResult = { ok: true; cdr: LegCdr } | { ok: false; error: string };

const VARIABLE = /<([A-Za-z0-9_.-]+)>([^<]*)<\/\1>|<([A-Za-z0-9_.-]+)\s*\/>/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? '';
  });
}

function decodeValue(text: string): string {
  const xml = decodeEntities(text);
  try {
    return decodeURIComponent(xml);
  } catch {
    return xml; // not URL-encoded after all (a literal %)
  }
}

/** The XML document inside a POST body. */
export function xmlOfCdrBody(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('<')) return trimmed;
  if (trimmed.startsWith('%3C') || trimmed.startsWith('%3c'))
    return decodeURIComponent(trimmed.replaceAll('+', ' '));
  if (trimmed.startsWith('cdr=')) {
    const value = trimmed.slice(4);
    if (value.startsWith('<')) return value; // encode=false: the raw XML, up to the end of the body
    return new URLSearchParams(trimmed).get('cdr') ?? '';
  }
  return trimmed;
}

/** The <variables> of the CDR, decoded. */
export function cdrVariables(xml: string): Map<string, string> | null {
  const start = xml.indexOf('<variables>');
  const end = xml.indexOf('</variables>', start);
  if (start < 0 || end < 0) return null;
  const block = xml.slice(start + '<variables>'.length, end);
  const vars = new Map<string, string>();
  for (const match of block.matchAll(VARIABLE)) {
    const name = match[1] ?? match[3];
    if (name !== undefined && !vars.has(name))
      vars.set(name, match[2] === undefined ? '' : decodeValue(match[2]));
  }
  return vars;
}

const intOrNull = (v: string | undefined): number | null => {
  if (v === undefined || !/^\d+$/.test(v)) return null;
  return Number(v);
};
/** FreeSWITCH writes 0 for "never" (answer_epoch of an unanswered leg). */
const epochOrNull = (v: string | undefined): number | null => {
  const n = intOrNull(v);
  return n === null || n === 0 ? null : n;
};
const uuidOrNull = (v: string | undefined): string | null =>
  v !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v) ? v : null;

export function parseXmlCdr(body: string): ParseXmlCdrResult {
  const vars = cdrVariables(xmlOfCdrBody(body));
  if (vars === null) return { ok: false, error: 'no <variables> in the CDR' };
  const leg = vars.get('uuid');
  const direction = vars.get('direction');
  const callfwd: Record<string, string> = {};
  for (const [name, value] of vars) if (name.startsWith('callfwd_')) callfwd[name] = value;
  const parent = uuidOrNull(callfwd.callfwd_parent);
  // Ours: the leg whose callfwd_leg is its own uuid; without callfwd_leg, the outbound leg that
  // carries callfwd_parent (mod_loopback's -b half copies the variables but is inbound).
  const forwardLeg =
    callfwd.callfwd_leg !== undefined
      ? callfwd.callfwd_leg === leg
      : parent !== null && direction === 'outbound';
  const candidate = {
    leg,
    call: parent,
    otherLeg: uuidOrNull(
      vars.get('bridge_uuid') ?? vars.get('signal_bond') ?? vars.get('other_loopback_leg_uuid'),
    ),
    direction: direction === 'inbound' || direction === 'outbound' ? direction : null,
    forwardLeg,
    billsec: intOrNull(vars.get('billsec')),
    billmsec: intOrNull(vars.get('billmsec')),
    duration: intOrNull(vars.get('duration')),
    hangupCause: vars.get('hangup_cause') ?? null,
    startEpoch: epochOrNull(vars.get('start_epoch')),
    answerEpoch: epochOrNull(vars.get('answer_epoch')),
    endEpoch: epochOrNull(vars.get('end_epoch')),
    variables: callfwd,
  };
  const parsed = LegCdrSchema.safeParse(candidate);
  return parsed.success ? { ok: true, cdr: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
}
