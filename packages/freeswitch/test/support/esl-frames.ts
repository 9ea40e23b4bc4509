/** One ESL frame read the way FreeSWITCH writes it: a header block, then Content-Length bytes of body. */
export interface EslFrame {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly offset: number;
  readonly length: number;
}

/** Splits a raw byte stream into frames. A trailing partial frame is left out. */
export function splitFrames(raw: Buffer): EslFrame[] {
  const frames: EslFrame[] = [];
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\n\n', at);
    if (end < 0) break;
    const headers: Record<string, string> = {};
    for (const line of raw.toString('utf8', at, end).split('\n')) {
      const colon = line.indexOf(': ');
      if (colon > 0) headers[line.slice(0, colon)] = line.slice(colon + 2);
    }
    let next = end + 2;
    let body = '';
    const length = headers['Content-Length'];
    if (length !== undefined) {
      const n = Number(length);
      if (next + n > raw.length) break;
      body = raw.toString('utf8', next, next + n);
      next += n;
    }
    frames.push({ headers, body, offset: at, length: next - at });
    at = next;
  }
  return frames;
}

/** Frame builders for scripted servers. */
export const frame = {
  authRequest: (): string => 'Content-Type: auth/request\n\n',
  commandReply: (replyText: string, extra = ''): string =>
    `Content-Type: command/reply\nReply-Text: ${replyText}\n${extra}\n`,
  apiResponse: (body: string): string =>
    `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`,
  jsonEvent: (event: Record<string, unknown>): string => {
    const body = JSON.stringify(event);
    return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-json\n\n${body}`;
  },
  disconnectNotice: (): string => {
    const body = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';
    return `Content-Type: text/disconnect-notice\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
  },
};
