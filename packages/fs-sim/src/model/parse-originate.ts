// Parses `originate {vars}<dial string> <&app(args)|exten> [dialplan] [context] ...` and the
// `{a=b,c='d e'}` variable blocks with FreeSWITCH's rules (`\,` escapes, single-quoted values).

export interface DialTarget {
  readonly vars: ReadonlyArray<readonly [string, string]>;
  readonly dialString: string;
}

export interface OriginateCommand extends DialTarget {
  /** `park` for `&park()`; `undefined` when the second argument is an extension. */
  readonly app: string | undefined;
  readonly appArgs: string;
  readonly exten: string | undefined;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: 'USAGE' };

/** Splits `{...}{...}[...]rest` into its variables and what follows. */
export function parseDialTarget(text: string): DialTarget {
  const vars: Array<readonly [string, string]> = [];
  let rest = text.trimStart();
  while (rest.startsWith('{') || rest.startsWith('[') || rest.startsWith('<')) {
    const close = { '{': '}', '[': ']', '<': '>' }[rest[0] as '{' | '[' | '<'];
    const end = findClose(rest, close);
    if (end < 0) break;
    if (rest[0] !== '[') vars.push(...parseVarBlock(rest.slice(1, end)));
    rest = rest.slice(end + 1);
  }
  return { vars, dialString: rest };
}

export function parseOriginate(args: string): ParseResult<OriginateCommand> {
  const { vars, dialString: afterVars } = parseDialTarget(args);
  const [dialString = '', second = '', ...more] = afterVars.trim().split(/\s+/);
  if (dialString === '' || second === '') return { ok: false, reason: 'USAGE' };
  if (second.startsWith('&')) {
    const match = /^&([^(]+)\((.*)\)$/.exec([second, ...more].join(' ')) ?? /^&(\S+)$/.exec(second);
    return { ok: true, value: { vars, dialString, app: match?.[1] ?? second.slice(1), appArgs: match?.[2] ?? '', exten: undefined } };
  }
  return { ok: true, value: { vars, dialString, app: undefined, appArgs: '', exten: second } };
}

export function parseVarBlock(block: string): Array<readonly [string, string]> {
  const pairs: Array<readonly [string, string]> = [];
  for (const item of splitUnescaped(block, ',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    pairs.push([item.slice(0, eq).trim(), unquote(item.slice(eq + 1))]);
  }
  return pairs;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && text[i + 1] === separator) {
      current += separator;
      i += 1;
    } else if (char === "'") {
      quoted = !quoted;
      current += char;
    } else if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1) : value;
}

function findClose(text: string, close: string): number {
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    else if (char === close && !quoted) return i;
  }
  return -1;
}
