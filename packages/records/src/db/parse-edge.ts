import { CallfwdError, describeIssues } from '@callfwd/domain';
import type { z } from 'zod';

/** Validates a value at the package's edge: BAD_INPUT with every issue, or the parsed data. */
export function parseEdge<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CallfwdError('BAD_INPUT', `${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Validates a row read back from the database: a mismatch is a bug (INTERNAL). */
export function parseStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new CallfwdError('INTERNAL', `a stored ${what} does not parse: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
