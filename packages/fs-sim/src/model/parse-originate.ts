// Parses `originate {vars}<dial string> <&app(args)|exten> [dialplan] [context] ...` and the
// `{a=b,c='d e'}` variable blocks with FreeSWITCH's rules (`\,` escapes, single-quoted values).

export type VarPairs = ReadonlyArray<readonly [string, string]>;

/** One leg of a dial string: its `[...]` variables and its endpoint (`loopback/700/ctx`). */
export interface DialLeg {
  readonly vars: VarPairs;
  readonly endpoint: string;
}

export interface DialTarget {
  /** The `{...}` (and `<...>`) variables: every leg gets them. */
  readonly vars: VarPairs;
  /** What follows the leading variable blocks (the first leg's `[...]` left out). */
  readonly dialString: string;
  /** Groups tried one after the other (`|`), each ringing its legs at once (`,`). */
  readonly legs?: ReadonlyArray<readonly DialLeg[]>;
}

export interface OriginateCommand extends DialTarget {
  /** `park` for `&park()`; `undefined` when the second argument is an extension. */
  readonly app: string | undefined;
  readonly appArgs: string;
  readonly exten: string | undefined;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: 'USAGE' };

const CLOSE: Readonly<Record<string, string>> = { '{': '}', '[': ']', '<': '>' };

/** Splits `{...}{...}[...]rest` (one dial string, no app) into its variables, what follows, and its legs. */
export function parseDialTarget(text: string): Required<DialTarget> {
  const vars: Array<readonly [string, string]> = [];
  let rest = text.trim();
  while (rest.startsWith('{') || rest.startsWith('<')) {
    const end = findClose(rest, CLOSE[rest[0]!]!);
    if (end < 0) break;
    vars.push(...parseVarBlock(rest.slice(1, end)));
    rest = rest.slice(end + 1);
  }
  const legs = parseLegs(rest);
  return { vars, dialString: stripLegVars(rest).rest, legs };
}

/** `a,b|c`: groups split on `|`, legs on `,`, neither inside brackets or quotes. */
export function parseLegs(dialString: string): DialLeg[][] {
  return splitOutside(dialString, '|')
    .map((group) => splitOutside(group, ',').map((leg) => {
      const { vars, rest } = stripLegVars(leg.trim());
      return { vars, endpoint: rest };
    }).filter((leg) => leg.endpoint !== ''))
    .filter((group) => group.length > 0);
}

function stripLegVars(text: string): { vars: Array<readonly [string, string]>; rest: string } {
  const vars: Array<readonly [string, string]> = [];
  let rest = text;
  while (rest.startsWith('[')) {
    const end = findClose(rest, ']');
    if (end < 0) break;
    vars.push(...parseVarBlock(rest.slice(1, end)));
    rest = rest.slice(end + 1);
  }
  return { vars, rest };
}

export function parseOriginate(args: string): ParseResult<OriginateCommand> {
  const trimmed = args.trim();
  const cut = firstSpaceOutside(trimmed);
  if (cut < 0) return { ok: false, reason: 'USAGE' };
  const target = parseDialTarget(trimmed.slice(0, cut));
  const [second = '', ...more] = trimmed.slice(cut).trim().split(/\s+/);
  if (target.dialString === '' || target.legs.length === 0 || second === '') return { ok: false, reason: 'USAGE' };
  if (second.startsWith('&')) {
    const match = /^&([^(]+)\((.*)\)$/.exec([second, ...more].join(' ')) ?? /^&(\S+)$/.exec(second);
    return { ok: true, value: { ...target, app: match?.[1] ?? second.slice(1), appArgs: match?.[2] ?? '', exten: undefined } };
  }
  return { ok: true, value: { ...target, app: undefined, appArgs: '', exten: second } };
}

/** Where the dial string ends: the first blank outside `{...}` / `[...]` blocks (each skipped
 *  whole, quotes inside them honoured, as parseDialTarget reads them). */
function firstSpaceOutside(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '{' || char === '[') {
      const end = findClose(text.slice(i), CLOSE[char]!);
      if (end < 0) return text.search(/\s/);
      i += end;
    } else if (/\s/.test(char)) {
      return i;
    }
  }
  return -1;
}

/** Splits on `separator` outside `{...}` / `[...]` blocks. */
function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '{' || char === '[') {
      const end = findClose(text.slice(i), CLOSE[char]!);
      if (end < 0) break;
      i += end;
    } else if (char === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
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
