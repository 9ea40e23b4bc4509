// Splits the bytes a client sends into ESL commands: a header block ended by a blank line,
// optionally followed by a body when the block carries Content-Length (sendmsg).
export interface EslCommand {
  /** The command line and its headers exactly as received, without the closing blank line. */
  readonly raw: string;
  /** The first line: `api status`, `auth pw`, ... */
  readonly line: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

export interface CommandParser {
  push(chunk: Buffer): EslCommand[];
}

export function createCommandParser(): CommandParser {
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const commands: EslCommand[] = [];
      for (;;) {
        const parsed = takeCommand(pending);
        if (parsed === undefined) break;
        pending = pending.subarray(parsed.consumed);
        if (parsed.command !== undefined) commands.push(parsed.command);
      }
      return commands;
    },
  };
}

function takeCommand(data: Buffer): { consumed: number; command?: EslCommand } | undefined {
  const end = findBlankLine(data);
  if (end === undefined) return undefined;
  const raw = data.subarray(0, end.at).toString('utf8').replace(/\r/g, '');
  const lines = raw.split('\n');
  // Leading empty lines are keep-alives some clients send: skip them.
  if (raw.trim() === '') return { consumed: end.at + end.length };
  while (lines[0] === '') lines.shift();
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const length = Number(headers.get('Content-Length') ?? '0');
  const bodyStart = end.at + end.length;
  if (length > 0 && data.length < bodyStart + length) return undefined;
  const body = length > 0 ? data.subarray(bodyStart, bodyStart + length).toString('utf8') : '';
  return {
    consumed: bodyStart + Math.max(length, 0),
    command: { raw: lines.join('\n'), line: lines[0] ?? '', headers, body },
  };
}

function findBlankLine(data: Buffer): { at: number; length: number } | undefined {
  const lf = data.indexOf('\n\n');
  const crlf = data.indexOf('\r\n\r\n');
  if (lf < 0 && crlf < 0) return undefined;
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  return { at: lf, length: 2 };
}
