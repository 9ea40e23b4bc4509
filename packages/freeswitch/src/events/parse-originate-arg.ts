/**
 * The variables of the leading `{k=v,k2=v2}` block of an originate's argument, as a
 * BACKGROUND_JOB's `Job-Command-Arg` carries it (`{origination_uuid=...,k=v}loopback/700/x &park()`).
 * It reads the block the way FreeSWITCH does and formatVariableBlock writes it: `,` outside
 * single quotes separates pairs, `\x` is `x` (so `\,` is a comma inside a value), single
 * quotes group and are dropped, the first `=` splits name from value, `}` outside quotes ends
 * the block. It is the exact inverse of formatVariableBlock. A later duplicate name wins.
 * Returns `{}` when the argument does not start with a complete block. Never throws.
 */
export function parseOriginateArg(commandArg: string): Readonly<Record<string, string>> {
  if (!commandArg.startsWith('{')) return Object.freeze({});
  const pairs = new Map<string, string>();
  let part = '';
  let quoted = false;
  const flush = (): void => {
    const eq = part.indexOf('=');
    if (eq > 0) pairs.set(part.slice(0, eq), part.slice(eq + 1));
    part = '';
  };
  for (let i = 1; i < commandArg.length; i++) {
    const ch = commandArg.charAt(i);
    if (ch === '\\' && i + 1 < commandArg.length) {
      i += 1;
      part += commandArg.charAt(i);
    } else if (ch === "'") {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      flush();
    } else if (ch === '}' && !quoted) {
      flush();
      return Object.freeze(Object.fromEntries(pairs));
    } else {
      part += ch;
    }
  }
  return Object.freeze({});
}
