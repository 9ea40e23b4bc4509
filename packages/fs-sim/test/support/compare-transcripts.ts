// Compares what a socket received from the simulator with what it received from the real node.
// Normalised away: UUIDs (by channel/job label), times, host names, sequence numbers, counters.
// Interleaving across channels is a race in FreeSWITCH too, so events are compared per channel.
import type { EslMessage } from './esl-messages.js';
import { contentType, eventName, header } from './esl-messages.js';
import type { UuidLabels } from './replay-scenario.js';
import { MODELLED_EVENTS } from './replay-scenario.js';


const KEY_HEADERS = [
  'Call-Direction', 'Answer-State', 'Hangup-Cause', 'Caller-Destination-Number', 'Caller-Context', 'Other-Type',
  'Caller-Orig-Caller-ID-Number', 'Bridge-A-Unique-ID', 'Bridge-B-Unique-ID', 'Record-File-Path',
  'Record-Completion-Cause', 'Job-Command', 'Job-Command-Arg',
];
/** Variables callfwd reads: when the real event has one, the simulator's must carry the same value. */
const KEY_VARIABLES = [
  'variable_callfwd_connection', 'variable_callfwd_parent', 'variable_originate_disposition',
  'variable_sip_h_Diversion', 'variable_origination_caller_id_number', 'variable_sip_gateway_name',
  'variable_callfwd_forwarded', 'variable_record_completion_cause', 'variable_loopback_leg',
];
/** ... and these must at least be present (their values depend on timing). */
const PRESENT_VARIABLES = ['variable_billsec', 'variable_answersec', 'variable_duration', 'variable_record_ms', 'variable_record_seconds'];
/** ... and these spans (CDR seconds and milliseconds) must agree within a margin. The margin is
 *  about order and content, not milliseconds: the replay's timers are not the node's (at 10x, a
 *  100 ms stall of a loaded machine is 1000 sim ms, and a span that starts on one socket's command
 *  and ends on another's carries both sockets' scheduling), and the real node's own timers count
 *  whole seconds (`originate_timeout=6` fired after 5.14 s, `leg_timeout=6` after 6.58 s, where the
 *  simulator is exact). A span counted from the wrong moment (creation instead of answer) is off by
 *  seconds and still fails. */
const MS_MARGIN = 1000;
const TIMED_VARIABLES: ReadonlyArray<readonly [string, number]> = [
  ['variable_billsec', 1], ['variable_answersec', 1], ['variable_progress_mediasec', 1], ['variable_progresssec', 1],
  ['variable_waitsec', 1], ['variable_billmsec', MS_MARGIN], ['variable_answermsec', MS_MARGIN], ['variable_progress_mediamsec', MS_MARGIN],
  ['variable_progressmsec', MS_MARGIN], ['variable_waitmsec', MS_MARGIN], ['variable_record_ms', MS_MARGIN], ['variable_record_seconds', 1],
];

export interface Side {
  readonly messages: readonly EslMessage[];
  readonly labels: UuidLabels;
}

export function compareTranscripts(real: Side, sim: Side, known: KnownDifferences = {}): string[] {
  const diffs: string[] = [];
  const realPlain = nonEvents(real);
  const simPlain = nonEvents(sim);
  const count = Math.max(realPlain.length, simPlain.length);
  for (let i = 0; i < count; i++) {
    const a = realPlain[i];
    const b = simPlain[i];
    if (a !== b && !(a !== undefined && b !== undefined && known.reply?.(a, b) === true)) {
      diffs.push(`reply #${i}: real ${JSON.stringify(a)} / sim ${JSON.stringify(b)}`);
    }
  }
  const realChannels = perChannel(real);
  const simChannels = perChannel(sim);
  for (const label of new Set([...realChannels.keys(), ...simChannels.keys()])) {
    const a = realChannels.get(label) ?? [];
    const b = simChannels.get(label) ?? [];
    const namesA = a.map((message) => eventName(message));
    const namesB = b.map((message) => eventName(message));
    if (namesA.join() !== namesB.join()) {
      diffs.push(`${label}: events real [${namesA.join(' ')}] / sim [${namesB.join(' ')}]`);
      continue;
    }
    a.forEach((message, i) => diffs.push(...compareEvent(`${label} ${namesA[i]}#${i}`, message, b[i]!, real, sim, known)));
  }
  return diffs;
}

export interface KnownDifferences {
  /** Accepts a reply that differs for a documented reason. */
  readonly reply?: (real: string, sim: string) => boolean;
  /** Sim milliseconds the replay itself was late by (its event loop stalled: a loaded machine),
   *  added to every millisecond margin (and, in whole seconds, to the seconds margins). */
  readonly stallMs?: number;
}

function nonEvents(side: Side): string[] {
  return side.messages
    .filter((message) => message.event === undefined)
    .map((message) => {
      const type = contentType(message);
      const reply = header(message.headers, 'Reply-Text');
      const jobHeader = header(message.headers, 'Job-UUID');
      let body = message.body;
      if (body.startsWith('UP ')) body = body.replace(/\d+(\.\d+)?/g, 'N');
      const text = `${type}|${reply ?? ''}|${jobHeader === undefined ? '' : 'Job-UUID'}|${body}`;
      return side.labels.normalise(text);
    });
}

function perChannel(side: Side): Map<string, EslMessage[]> {
  const channels = new Map<string, EslMessage[]>();
  for (const message of side.messages) {
    const name = eventName(message);
    if (name === undefined || !MODELLED_EVENTS.has(name)) continue;
    const headers = message.event!.headers;
    const uuid = header(headers, 'Unique-ID') ?? header(headers, 'Job-UUID') ?? '';
    const label = side.labels.label(uuid) ?? (name === 'BACKGROUND_JOB' ? 'job:?' : 'channel:?');
    channels.set(label, [...(channels.get(label) ?? []), message]);
  }
  return channels;
}

function compareEvent(where: string, real: EslMessage, sim: EslMessage, realSide: Side, simSide: Side, known: KnownDifferences): string[] {
  const diffs: string[] = [];
  const a = real.event!.headers;
  const b = sim.event!.headers;
  const shape = (headers: typeof a): string[] => headers.map(([name]) => name).filter((name) => !name.startsWith('variable_'));
  const shapeA = shape(a).join(' ');
  const shapeB = shape(b).join(' ');
  if (shapeA !== shapeB) diffs.push(`${where}: header names ${describeShapeDiff(shape(a), shape(b))}`);
  const value = (side: Side, headers: typeof a, name: string): string | undefined => {
    const raw = header(headers, name);
    return raw === undefined ? undefined : side.labels.normalise(raw);
  };
  for (const name of [...KEY_HEADERS, ...KEY_VARIABLES]) {
    const va = value(realSide, a, name);
    if (va === undefined && !KEY_HEADERS.includes(name)) continue;
    const vb = value(simSide, b, name);
    if (va !== vb) diffs.push(`${where}: ${name} real ${JSON.stringify(va)} / sim ${JSON.stringify(vb)}`);
  }
  for (const name of PRESENT_VARIABLES) {
    if (header(a, name) !== undefined && header(b, name) === undefined) diffs.push(`${where}: ${name} missing`);
  }
  const stall = known.stallMs ?? 0;
  for (const [name, base] of TIMED_VARIABLES) {
    const margin = base === 1 || name === 'variable_record_seconds' ? base + Math.ceil(stall / 1000) : base + stall;
    const va = header(a, name);
    const vb = header(b, name);
    if (va === undefined || vb === undefined) continue;
    if (Math.abs(Number(va) - Number(vb)) > margin) diffs.push(`${where}: ${name} real ${va} / sim ${vb} (margin ${margin})`);
  }
  if (eventName(real) === 'BACKGROUND_JOB') {
    const bodyA = realSide.labels.normalise(real.event!.body ?? '');
    const bodyB = simSide.labels.normalise(sim.event!.body ?? '');
    if (bodyA.replace(/\d+/g, 'N') !== bodyB.replace(/\d+/g, 'N')) diffs.push(`${where}: body real ${JSON.stringify(bodyA)} / sim ${JSON.stringify(bodyB)}`);
  }
  return diffs;
}

function describeShapeDiff(real: readonly string[], sim: readonly string[]): string {
  const missing = real.filter((name) => !sim.includes(name));
  const extra = sim.filter((name) => !real.includes(name));
  if (missing.length > 0 || extra.length > 0) return `missing [${missing.join(' ')}] extra [${extra.join(' ')}]`;
  const at = real.findIndex((name, i) => sim[i] !== name);
  return `order differs at #${at}: real ${real.slice(at, at + 3).join(' ')} / sim ${sim.slice(at, at + 3).join(' ')}`;
}
