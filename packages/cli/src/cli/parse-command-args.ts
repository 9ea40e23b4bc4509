import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import type { z } from 'zod';

export interface ArgsSpec<S extends z.ZodType> {
  /** node:util parseArgs options (`--help` is added). */
  options: ParseArgsOptionsConfig;
  /** Names of the positional arguments in order, as the help shows them (`ACCOUNT`). */
  positionals?: readonly string[];
  /** Validates `{ ...options, ...positionals }`; positionals are keyed by their lower-case name. */
  schema: S;
}

export type ArgsResult<T> =
  | { kind: 'args'; args: T }
  | { kind: 'help' }
  | { kind: 'bad'; message: string };

/** How an issue's key is named to the user: `--limit` for an option, `ACCOUNT` for a positional. */
function argumentName(key: PropertyKey | undefined, options: ParseArgsOptionsConfig): string {
  if (typeof key !== 'string') return 'arguments';
  return Object.hasOwn(options, key) ? `--${key}` : key.toUpperCase();
}

/**
 * Parses a command's arguments with node:util parseArgs (strict) and validates them with zod, so
 * no unchecked string reaches Redis. A problem is a value naming the argument, never a throw.
 */
export function parseCommandArgs<S extends z.ZodType>(argv: readonly string[], spec: ArgsSpec<S>): ArgsResult<z.output<S>> {
  const options: ParseArgsOptionsConfig = { ...spec.options, help: { type: 'boolean', short: 'h' } };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    return { kind: 'bad', message: (err as Error).message.split('\n')[0] ?? 'bad arguments' };
  }
  if (parsed.values.help === true) return { kind: 'help' };
  const names = spec.positionals ?? [];
  if (parsed.positionals.length > names.length) {
    const extra = parsed.positionals[names.length] ?? '';
    return { kind: 'bad', message: `unexpected argument ${JSON.stringify(extra)}` };
  }
  const input: Record<string, unknown> = { ...parsed.values };
  delete input.help;
  names.forEach((name, i) => {
    if (parsed.positionals[i] !== undefined) input[name.toLowerCase()] = parsed.positionals[i];
  });
  const result = spec.schema.safeParse(input);
  if (result.success) return { kind: 'args', args: result.data };
  const message = result.error.issues
    .map((issue) => `${argumentName(issue.path[0], spec.options)}: ${issue.message}`)
    .join('; ');
  return { kind: 'bad', message };
}
