// Splits event-socket bytes (what FreeSWITCH sends) into messages, for tests.
import { urlDecode } from '../../src/protocol/url-encode.js';

export interface EslMessage {
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
  /** For text/event-plain and text/event-json: the event's own headers (decoded) and body. */
  readonly event?: { readonly headers: ReadonlyArray<readonly [string, string | string[]]>; readonly body: string | undefined };
}

export function header(headers: ReadonlyArray<readonly [string, unknown]>, name: string): string | undefined {
  const found = headers.find(([key]) => key === name);
  return found === undefined ? undefined : String(found[1]);
}

export function contentType(message: EslMessage): string {
  return header(message.headers, 'Content-Type') ?? '';
}

export function eventName(message: EslMessage): string | undefined {
  return message.event === undefined ? undefined : header(message.event.headers, 'Event-Name');
}

export interface MessageSplitter {
  push(chunk: Buffer): EslMessage[];
}

export function createMessageSplitter(): MessageSplitter {
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      pending = Buffer.concat([pending, chunk]);
      const out: EslMessage[] = [];
      for (;;) {
        const end = pending.indexOf('\n\n');
        if (end < 0) break;
        const headers = parseHeaderBlock(pending.subarray(0, end).toString('utf8'));
        const length = Number(header(headers, 'Content-Length') ?? '0');
        if (pending.length < end + 2 + length) break;
        const body = pending.subarray(end + 2, end + 2 + length).toString('utf8');
        pending = pending.subarray(end + 2 + length);
        out.push(withEvent(headers, body));
      }
      return out;
    },
  };
}

export function splitMessages(data: Buffer): EslMessage[] {
  return createMessageSplitter().push(data);
}

function parseHeaderBlock(block: string): Array<readonly [string, string]> {
  return block
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(': ');
      return colon < 0 ? ([line, ''] as const) : ([line.slice(0, colon), line.slice(colon + 2)] as const);
    });
}

function withEvent(headers: Array<readonly [string, string]>, body: string): EslMessage {
  const type = header(headers, 'Content-Type');
  if (type === 'text/event-plain') {
    const end = body.indexOf('\n\n');
    const block = end < 0 ? body : body.slice(0, end);
    const eventHeaders = parseHeaderBlock(block).map(([key, value]) => [key, urlDecode(value)] as const);
    const innerLength = header(eventHeaders, 'Content-Length');
    const eventBody = innerLength === undefined ? undefined : body.slice(end + 2);
    return { headers, body, event: { headers: eventHeaders, body: eventBody } };
  }
  if (type === 'text/event-json') {
    const pairs = parseJsonPairs(body);
    const eventBody = header(pairs, '_body');
    return { headers, body, event: { headers: pairs, body: eventBody } };
  }
  return { headers, body };
}

/** JSON.parse drops repeated keys; FreeSWITCH repeats some (Hangup-Cause): keep every pair in order. */
function parseJsonPairs(text: string): Array<readonly [string, string | string[]]> {
  const pairs: Array<readonly [string, string | string[]]> = [];
  const pattern = /"((?:[^"\\]|\\.)*)":("(?:[^"\\]|\\.)*"|\[[^\]]*\])/g;
  for (const match of text.matchAll(pattern)) {
    const key = JSON.parse(`"${match[1]}"`) as string;
    const value = JSON.parse(match[2]!) as string | string[];
    pairs.push([key, value]);
  }
  return pairs;
}
