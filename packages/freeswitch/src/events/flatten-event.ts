/** An event's headers with single string values, its variables, and its body. */
export interface FlatEvent {
  /** Every header, `variable_*` included; an array value is its first element. */
  readonly fields: Record<string, string>;
  readonly variables: Record<string, string>;
  readonly arrayVariables: Record<string, readonly string[]>;
}

const VARIABLE_PREFIX = 'variable_';

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * One pass over a decoded JSON event (or a plain event already split into headers):
 * strings stay, numbers become strings, arrays keep their first element in `fields`
 * and `variables` and all elements in `arrayVariables`. Other values are dropped.
 */
export function flattenEvent(raw: Readonly<Record<string, unknown>>): FlatEvent {
  const fields: Record<string, string> = {};
  const variables: Record<string, string> = {};
  const arrayVariables: Record<string, readonly string[]> = {};
  for (const key in raw) {
    const value = raw[key];
    let single: string | undefined;
    if (Array.isArray(value)) {
      const items = (value as unknown[]).map(scalar).filter((v): v is string => v !== undefined);
      single = items[0];
      if (key.startsWith(VARIABLE_PREFIX)) arrayVariables[key.slice(VARIABLE_PREFIX.length)] = items;
    } else {
      single = scalar(value);
    }
    if (single === undefined) continue;
    fields[key] = single;
    if (key.startsWith(VARIABLE_PREFIX)) variables[key.slice(VARIABLE_PREFIX.length)] = single;
  }
  return { fields, variables, arrayVariables };
}
