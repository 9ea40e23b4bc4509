import { crossCheckLive, type Line } from '@callfwd/domain';
import { ApiError } from '../errors/api-error.js';
import type { LiveConfig } from './read-live-config.js';

/** A change of the live lines: `line` to set (replacing the one of its id), or `remove` an id. */
export type LineChange = { set: Line } | { remove: string };

function apply(lines: readonly Line[], change: LineChange): Line[] {
  if ('remove' in change) return lines.filter((line) => line.id !== change.remove);
  const at = lines.findIndex((line) => line.id === change.set.id);
  return at === -1 ? [...lines, change.set] : lines.map((line, i) => (i === at ? change.set : line));
}

/**
 * The config's cross-checks (the domain's crossCheckLive) on the live set after the change: the main
 * line stays, no line an employee, a forward-via (configured or changed at run time) or a failover
 * names vanishes, a line's account exists, no number twice. A refusal names the first problem;
 * a removal that breaks a reference is 409 LINE_IN_USE, a line that would break the config 400 INVALID_LINE.
 */
export function checkLineChange(live: LiveConfig, change: LineChange): { lines: Line[] } | ApiError {
  const lines = apply(live.lines, change);
  const problems = crossCheckLive(live.config, { lines, employees: live.employees, forwardViaOverrides: live.overrides });
  const problem = problems[0];
  if (problem === undefined) return { lines };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  if ('remove' in change)
    return new ApiError(409, 'LINE_IN_USE', `line "${change.remove}" cannot be removed: ${problem.path}: ${problem.message}${more}; nothing changed`);
  const own = `lines[${lines.findIndex((line) => line.id === change.set.id)}].`;
  const field = problem.path.startsWith(own) ? problem.path.slice(own.length) : undefined;
  return new ApiError(400, 'INVALID_LINE', `${field ?? problem.path}: ${problem.message}${more}; nothing changed`, field);
}
