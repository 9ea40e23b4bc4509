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

function serializeJson(event: FsEvent): string {
  const pairs = event.headers.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`);
  if (event.body !== undefined) {
    pairs.push(`"Content-Length":${JSON.stringify(String(Buffer.byteLength(event.body)))}`);
    pairs.push(`"_body":${JSON.stringify(event.body)}`);
  }
  return `{${pairs.join(',')}}`;
}
