import type { Dice } from './seeded-random.js';

/**
 * What a fuzzed frame should do to a node connection: `valid` is delivered as an event,
 * `malformed` frames each add `malformedCount` to `stats().malformed` (a frame with a broken
 * Content-Length splits into two broken frames), `ignored` ones are events callfwd does not use.
 */
export type Expectation = 'valid' | 'malformed' | 'ignored';

export interface FuzzFrame {
  readonly kind: string;
  readonly expect: Expectation;
  readonly malformedCount: number;
  readonly bytes: Buffer;
  /** The Unique-ID of a valid CHANNEL_PARK. */
  readonly uuid?: string;
}

/** A CHANNEL_PARK with every field the decoder requires, as FreeSWITCH 1.10 sends it in JSON. */
export function parkEvent(uuid: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'Event-Name': 'CHANNEL_PARK',
    'Core-UUID': '11111111-2222-4333-8444-555555555555',
    'Event-Date-Timestamp': '1700000000000000',
    'Event-Sequence': '4242',
    'Unique-ID': uuid,
    'Call-Direction': 'inbound',
    'Channel-Name': 'sofia/external/48221234567@127.0.0.1',
    'Caller-Caller-ID-Number': '48221234567',
    'Caller-Caller-ID-Name': 'Alice Caller',
    'Caller-Orig-Caller-ID-Number': '48221234567',
    'Caller-Destination-Number': '48221120001',
    'Caller-Context': 'public',
    'Answer-State': 'ringing',
    variable_callfwd_connection: 'pbx-b',
    ...extra,
  };
}

export function fuzzUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function frame(headers: string, body: Buffer | string = ''): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const length = b.length > 0 || headers.includes('Content-Type') ? `Content-Length: ${b.length}\n` : '';
  return Buffer.concat([Buffer.from(`${length}${headers}\n`, 'utf8'), b]);
}

function jsonFrame(event: unknown, extraHeaders = ''): Buffer {
  return frame(`Content-Type: text/event-json\n${extraHeaders}`, JSON.stringify(event));
}

function stripControl(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code > 0x1f && (code < 0x7f || code > 0x9f)) out += ch;
  }
  return out;
}

/** What esl does to a JSON body before JSON.parse; used to make sure garbage stays garbage. */
function parsesAsJson(body: Buffer): boolean {
  try {
    JSON.parse(stripControl(body.toString('utf8')));
    return true;
  } catch {
    return false;
  }
}

function garbage(dice: Dice, length: number, binary: boolean): Buffer {
  for (;;) {
    const body = binary ? dice.bytes(length) : Buffer.from(`{${dice.text(length)}`, 'utf8');
    if (!parsesAsJson(body)) return body;
  }
}

/** Printable text with no blank line, no `Event-Name` and no `Content-` header in it. */
function junkLines(dice: Dice, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(dice.text(1 + dice.int(80)).replace(/Event-Name|Content-/g, 'x'));
  return out.join('\n');
}

const BAD_FIELDS: ReadonlyArray<(e: Record<string, unknown>, dice: Dice) => void> = [
  (e) => delete e['Unique-ID'],
  (e) => (e['Unique-ID'] = ''),
  (e) => (e['Unique-ID'] = 'u'.repeat(300)),
  (e, d) => (e['Call-Direction'] = d.text(8)),
  (e) => (e['Event-Date-Timestamp'] = 'yesterday'),
  (e) => (e['Event-Date-Timestamp'] = '-1'),
  (e) => (e['Event-Date-Timestamp'] = '12345678901234567'),
  (e) => delete e['Event-Sequence'],
  (e) => (e['Event-Sequence'] = { nested: true }),
  (e) => (e['Unique-ID'] = null),
  (e) => {
    e['Event-Name'] = 'CHANNEL_HANGUP_COMPLETE';
    e['Hangup-Cause'] = 'not a cause';
    e.variable_billsec = '10';
  },
  (e) => {
    e['Event-Name'] = 'CHANNEL_HANGUP_COMPLETE';
    e['Hangup-Cause'] = 'NORMAL_CLEARING';
    e.variable_billsec = 'ten';
  },
  (e) => (e['Event-Name'] = 'CHANNEL_BRIDGE'),
  (e) => {
    e['Event-Name'] = 'CHANNEL_HANGUP';
    delete e['Hangup-Cause'];
  },
  (e) => {
    e['Event-Name'] = 'RECORD_STOP';
    e['Record-File-Path'] = '';
  },
  (e) => {
    e['Event-Name'] = 'BACKGROUND_JOB';
    delete e['Job-UUID'];
  },
];

/** Valid events a hostile caller shapes: decoded as data, never a crash. */
const HOSTILE_VALUES = [
  'a\nb\r\nEvent-Name: CHANNEL_HANGUP\n\n',
  '{}&,\'"`$(reboot)',
  '\u0000\u0001\u0007\u001b[2J',
  '𝕏 \u202e reversed \ufeff',
  'x'.repeat(10_240),
];

type Maker = (dice: Dice, n: number) => FuzzFrame;

const MAKERS: ReadonlyArray<{ weight: number; make: Maker }> = [
  { weight: 10, make: (_d, n) => ({ kind: 'valid', expect: 'valid', malformedCount: 0, bytes: jsonFrame(parkEvent(fuzzUuid(n))), uuid: fuzzUuid(n) }) },
  {
    weight: 3,
    make: (d, n) => {
      const value = d.pick(HOSTILE_VALUES);
      const event = parkEvent(fuzzUuid(n), { 'Caller-Caller-ID-Name': value, variable_sip_h_X: value, constructor: value, toString: value });
      // An own "__proto__" key only exists in JSON text: an object literal would set the prototype.
      const body = JSON.stringify(event).replace(/^\{/, `{"__proto__":${JSON.stringify(value)},`);
      return { kind: 'hostile-valid', expect: 'valid', malformedCount: 0, bytes: frame('Content-Type: text/event-json\n', body), uuid: fuzzUuid(n) };
    },
  },
  { weight: 12, make: (d) => ({ kind: 'not-json', expect: 'malformed', malformedCount: 1, bytes: frame('Content-Type: text/event-json\n', garbage(d, 1 + d.int(400), false)) }) },
  { weight: 12, make: (d) => ({ kind: 'binary-json', expect: 'malformed', malformedCount: 1, bytes: frame('Content-Type: text/event-json\n', garbage(d, 1 + d.int(400), true)) }) },
  {
    weight: 4,
    make: (d) => ({ kind: 'not-an-object', expect: 'malformed', malformedCount: 1, bytes: frame('Content-Type: text/event-json\n', d.pick(['null', '[]', '[1,2,3]', '"CHANNEL_PARK"', '42', 'true'])) }),
  },
  {
    weight: 14,
    make: (d, n) => {
      const event = parkEvent(fuzzUuid(n));
      d.pick(BAD_FIELDS)(event, d);
      return { kind: 'invalid-fields', expect: 'malformed', malformedCount: 1, bytes: jsonFrame(event) };
    },
  },
  {
    weight: 4,
    make: (d, n) => {
      const body = `Event-Name: CHANNEL_PARK\nUnique-ID: ${fuzzUuid(n)}\nEvent-Date-Timestamp: ${d.pick(['', 'abc', '-3'])}\nEvent-Sequence: 1\nCall-Direction: inbound\n`;
      return { kind: 'plain-invalid-fields', expect: 'malformed', malformedCount: 1, bytes: frame('Content-Type: text/event-plain\n', body) };
    },
  },
  {
    weight: 6,
    make: (d, n) => {
      const event = parkEvent(fuzzUuid(n));
      if (d.int(2) === 0) delete event['Event-Name'];
      else event['Event-Name'] = '';
      return { kind: 'missing-event-name', expect: 'malformed', malformedCount: 1, bytes: jsonFrame(event) };
    },
  },
  { weight: 8, make: (d) => ({ kind: 'plain-garbage', expect: 'malformed', malformedCount: 1, bytes: frame('Content-Type: text/event-plain\n', junkLines(d, 1 + d.int(20))) }) },
  { weight: 4, make: (d) => ({ kind: 'plain-binary', expect: 'malformed', malformedCount: 1, bytes: frame('Content-Type: text/event-plain\n', Buffer.from(d.bytes(1 + d.int(300)).toString('latin1').replace(/Event-Name|Content-/g, 'x'), 'latin1')) }) },
  { weight: 5, make: (d) => ({ kind: 'unhandled-content-type', expect: 'malformed', malformedCount: 1, bytes: frame(`Content-Type: application/x-fuzz-${d.text(1 + d.int(30)).replace(/\s/g, '_')}\n`, d.int(2) === 0 ? '' : d.text(d.int(200))) }) },
  { weight: 5, make: (d) => ({ kind: 'missing-content-type', expect: 'malformed', malformedCount: 1, bytes: d.int(4) === 0 ? Buffer.from('\n\n') : frame(`X-Fuzz: ${d.text(1 + d.int(40))}\n`, d.text(1 + d.int(200))) }) },
  {
    weight: 3,
    make: (d) => {
      // A bad Content-Length is no length: the frame has no body, and its body reads as a frame of its own.
      const length = d.pick(['-1', 'abc', '1e3', ' 12', '0x10', '']);
      const bytes = Buffer.from(`Content-Length: ${length}\nContent-Type: text/event-json\n\n${junkLines(d, 1 + d.int(5))}\n\n`, 'utf8');
      return { kind: 'bad-content-length', expect: 'malformed', malformedCount: 2, bytes };
    },
  },
  {
    weight: 1,
    make: (d, n) => {
      const size = d.int(10) === 0 ? 64 * 1024 + d.int(64 * 1024) : 4 * 1024 + d.int(4 * 1024);
      const huge = `X-Huge: ${d.text(size)}\n`;
      if (d.int(2) === 0) return { kind: 'huge-header-valid', expect: 'valid', malformedCount: 0, bytes: jsonFrame(parkEvent(fuzzUuid(n)), huge), uuid: fuzzUuid(n) };
      return { kind: 'huge-header-garbage', expect: 'malformed', malformedCount: 1, bytes: frame(`Content-Type: text/event-json\n${huge}`, garbage(d, 100, true)) };
    },
  },
  {
    weight: 2,
    make: (d) => ({ kind: 'percent-reply-text', expect: 'malformed', malformedCount: 1, bytes: frame(`Content-Type: text/event-json\nReply-Text: %${d.pick(['ZZ', '%', 'E0%80', 'FF%FE'])}\n`, garbage(d, 50, false)) }),
  },
  {
    weight: 4,
    make: (d, n) => {
      const event = parkEvent(fuzzUuid(n));
      event['Event-Name'] = d.pick(['HEARTBEAT', 'CUSTOM', 'NOT_AN_EVENT', 'channel_park', 'CHANNEL_PARK ']);
      return { kind: 'unused-event', expect: 'ignored', malformedCount: 0, bytes: jsonFrame(event) };
    },
  },
];

const TOTAL_WEIGHT = MAKERS.reduce((sum, m) => sum + m.weight, 0);

/** The nth fuzzed frame of a run; the same dice sequence gives the same frames. */
export function nextFuzzFrame(dice: Dice, n: number): FuzzFrame {
  let roll = dice.int(TOTAL_WEIGHT);
  for (const maker of MAKERS) {
    roll -= maker.weight;
    if (roll < 0) return maker.make(dice, n);
  }
  throw new Error('unreachable: weights do not add up');
}
