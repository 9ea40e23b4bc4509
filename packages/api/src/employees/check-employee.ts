import type { Config, Employee } from '@callfwd/domain';
import { ApiError } from '../errors/api-error.js';

function digits(number: string): string {
  return number.replace(/^\+/, '');
}

/**
 * The config's cross-checks for one employee against the live set (the schema has passed): its
 * connection is a line of `config` (pass the config with the live lines: readLiveConfig), and none of its extensions is another employee's or listed twice.
 */
export function checkEmployee(
  config: Config,
  employee: Employee,
  live: readonly Employee[],
): ApiError | undefined {
  if (!config.lines.some((line) => line.id === employee.connection)) {
    return new ApiError(
      400,
      'UNKNOWN_CONNECTION',
      `connection: unknown connection (line) "${employee.connection}"`,
      'connection',
    );
  }
  const taken = new Map<string, string>();
  for (const other of live)
    if (other.id !== employee.id) for (const ext of other.extensions) taken.set(digits(ext), other.id);
  const own = new Set<string>();
  for (const [index, ext] of employee.extensions.entries()) {
    const field = `extensions[${index}]`;
    if (own.has(digits(ext)))
      return new ApiError(400, 'BAD_REQUEST', `${field}: ${ext} is listed twice`, field);
    own.add(digits(ext));
    const holder = taken.get(digits(ext));
    if (holder !== undefined)
      return new ApiError(
        409,
        'EXTENSION_TAKEN',
        `${field}: ${ext} already reaches employee ${holder}`,
        field,
      );
  }
  return undefined;
}
