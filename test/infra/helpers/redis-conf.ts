/** One directive of a redis.conf / sentinel.conf: its name (lower case), its arguments, its line. */
export interface RedisDirective {
  name: string;
  args: string[];
  line: number;
}

/** Splits a redis.conf line into words the way Redis does: spaces separate, "..." and '...' group. */
function splitArgs(line: string): string[] | undefined {
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    const word = match[1] ?? match[2] ?? match[3];
    if (word === undefined) return undefined;
    if (match[3]?.includes('"') === true || match[3]?.includes("'") === true) return undefined;
    args.push(word);
  }
  return args;
}

/** Parses a Redis config file. Throws on an unbalanced quote (a bug in the file under test). */
export function parseRedisConf(text: string): RedisDirective[] {
  const directives: RedisDirective[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const words = splitArgs(line);
    if (words === undefined || words.length === 0) throw new Error(`line ${index + 1}: cannot split: ${line}`);
    const [name, ...args] = words;
    directives.push({ name: (name ?? '').toLowerCase(), args, line: index + 1 });
  });
  return directives;
}

/** The arguments of the only directive `name`, or undefined when absent. Throws when it appears twice. */
export function singleDirective(directives: RedisDirective[], name: string): string[] | undefined {
  const found = directives.filter((directive) => directive.name === name);
  if (found.length > 1) throw new Error(`${name} appears ${found.length} times (lines ${found.map((d) => d.line).join(', ')})`);
  return found[0]?.args;
}
