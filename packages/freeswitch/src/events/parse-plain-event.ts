import { percentDecode } from './percent-decode.js';

const ARRAY_PREFIX = 'ARRAY::';

/**
 * Splits a `text/event-plain` body into headers (URL-decoded, `ARRAY::a|:b` values as
 * arrays) and, when the block carries its own Content-Length (BACKGROUND_JOB), the body
 * after the blank line as `_body`, cut to that many bytes.
 */
export function parsePlainEvent(text: string): Record<string, string | string[]> {
  const end = text.indexOf('\n\n');
  const block = end < 0 ? text : text.slice(0, end);
  const headers: Record<string, string | string[]> = {};
  for (const line of block.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon <= 0) continue;
    const value = percentDecode(line.slice(colon + 2));
    headers[line.slice(0, colon)] = value.startsWith(ARRAY_PREFIX)
      ? value.slice(ARRAY_PREFIX.length).split('|:')
      : value;
  }
  const length = headers['Content-Length'];
  if (end >= 0 && typeof length === 'string' && /^\d+$/.test(length)) {
    const rest = Buffer.from(text.slice(end + 2), 'utf8');
    headers._body = rest.subarray(0, Number(length)).toString('utf8');
  }
  return headers;
}
