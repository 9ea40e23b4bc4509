/**
 * Reads a `{k=v,...}` block back the way FreeSWITCH does (switch_separate_string on ',' then
 * cleanup: a backslash escapes the next character, single quotes group and are removed,
 * unquoted edge spaces are trimmed). Used to prove that what we quote reads back as exactly
 * the variables we meant, no more.
 */
export function parseVariableBlock(block: string): Array<[string, string]> {
  if (!block.startsWith('{') || !block.endsWith('}')) throw new Error(`not a block: ${block}`);
  const inner = block.slice(1, -1);
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '\\' && i + 1 < inner.length) {
      current += ch + inner[i + 1]!;
      i++;
    } else if (ch === "'") {
      quoted = !quoted;
      current += ch;
    } else if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((part) => {
    let out = '';
    for (let i = 0; i < part.length; i++) {
      const ch = part[i]!;
      if (ch === '\\' && i + 1 < part.length) {
        out += part[i + 1]!;
        i++;
      } else if (ch !== "'") {
        out += ch;
      }
    }
    const eq = out.indexOf('=');
    return [out.slice(0, eq), out.slice(eq + 1)];
  });
}
