// The bytes FreeSWITCH writes on an event socket, in the exact framing of 1.10.12.
import type { FsEvent, HeaderValue } from './fs-event.js';
import { urlEncode } from './url-encode.js';

export type EventFormat = 'plain' | 'json';

const DISCONNECT_BODY = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';

export function encodeAuthRequest(): string {
  return 'Content-Type: auth/request\n\n';
}

export function encodeCommandReply(replyText: string, extra: ReadonlyArray<readonly [string, string]> = []): string {
  const lines = extra.map(([name, value]) => `${name}: ${value}\n`).join('');
  return `Content-Type: command/reply\nReply-Text: ${replyText}\n${lines}\n`;
}

export function encodeApiResponse(body: string): string {
  return `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
}

export function encodeDisconnectNotice(): string {
  return `Content-Type: text/disconnect-notice\nContent-Length: ${Buffer.byteLength(DISCONNECT_BODY)}\n\n${DISCONNECT_BODY}`;
}

const encoded = new WeakMap<FsEvent, { plain?: Buffer; json?: Buffer }>();

/** The event's bytes in that format, encoded once however many connections it goes to. */
export function encodedEvent(event: FsEvent, format: EventFormat): Buffer {
  let forms = encoded.get(event);
  if (forms === undefined) {
    forms = {};
    encoded.set(event, forms);
  }
  return (forms[format] ??= Buffer.from(encodeEvent(event, format), 'utf8'));
}

export function encodeEvent(event: FsEvent, format: EventFormat): string {
  const payload = format === 'plain' ? serializePlain(event) : serializeJson(event);
  const contentType = format === 'plain' ? 'text/event-plain' : 'text/event-json';
  return `Content-Length: ${Buffer.byteLength(payload)}\nContent-Type: ${contentType}\n\n${payload}`;
}

function plainValue(value: HeaderValue): string {
  return urlEncode(typeof value === 'string' ? value : `ARRAY::${value.join('|:')}`);
}

function serializePlain(event: FsEvent): string {
  const lines = event.headers.map(([name, value]) => `${name}: ${plainValue(value)}\n`).join('');
  if (event.body === undefined) return `${lines}\n`;
  return `${lines}Content-Length: ${Buffer.byteLength(event.body)}\n\n${event.body}`;
}

/** Characters JSON.stringify would escape (and lone surrogates): a value without them is quoted as is. */
// eslint-disable-next-line no-control-regex -- exactly the characters JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const jsonNames = new Map<string, string>();

function jsonString(value: HeaderValue): string {
  return typeof value === 'string' && !NEEDS_ESCAPE.test(value) ? `"${value}"` : JSON.stringify(value);
}

/** The JSON text FreeSWITCH sends: the same bytes as JSON.stringify pair by pair (repeated names
 *  kept), with header names' JSON cached (they repeat across events) and plain values quoted as is. */
function serializeJson(event: FsEvent): string {
  let out = '{';
  for (const [name, value] of event.headers) {
    let key = jsonNames.get(name);
    if (key === undefined) {
      key = `${JSON.stringify(name)}:`;
      if (jsonNames.size < 10_000) jsonNames.set(name, key);
    }
    out += `${out.length === 1 ? '' : ','}${key}${jsonString(value)}`;
  }
  if (event.body !== undefined) {
    out += `${out.length === 1 ? '' : ','}"Content-Length":"${Buffer.byteLength(event.body)}","_body":${JSON.stringify(event.body)}`;
  }
  return `${out}}`;
}
