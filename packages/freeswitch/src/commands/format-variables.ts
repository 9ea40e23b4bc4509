import { BadCommandInput } from '../errors/freeswitch-error.js';
import { checkValue, checkVariableName } from './validate.js';

/**
 * One value inside a `{...}` block, by FreeSWITCH's own rules: a comma is escaped `\,`
 * (switch_separate_string skips an escaped delimiter, then unescapes it), a value with a
 * space is single-quoted (`name='Alice Caller'`; without the quotes the api argument split
 * breaks the originate). Values are validated first: nothing that could end the block,
 * the quote or the command gets this far.
 */
export function formatVariableValue(field: string, value: unknown): string {
  const escaped = checkValue(field, value).replaceAll(',', '\\,');
  return escaped.includes(' ') ? `'${escaped}'` : escaped;
}

/** `{k=v,k=v}` from ordered pairs. Names must be unique. */
export function formatVariableBlock(pairs: ReadonlyArray<readonly [string, string]>): string {
  const seen = new Set<string>();
  const parts = pairs.map(([name, value]) => {
    const key = checkVariableName('variable name', name);
    if (seen.has(key)) throw new BadCommandInput(`variables.${key}`, 'set twice');
    seen.add(key);
    return `${key}=${formatVariableValue(`variables.${key}`, value)}`;
  });
  return `{${parts.join(',')}}`;
}
