import type { Config } from './config-schema.js';
import type { ConfigProblem } from './config-problem.js';
import { crossCheckConfig } from './cross-check-config.js';
import type { Employee } from './employee-schema.js';
import type { Line } from './line-schema.js';

/** The run-time parts of the config (rule 13): the live lines and employees, the forward-via overrides. */
export interface LiveSet {
  lines: readonly Line[];
  employees: readonly Employee[];
  /** Connection id -> the line its forwards leave through, changed at run time. */
  forwardViaOverrides?: Readonly<Record<string, string>>;
}

/** The config with the live lines and employees in place of the file's. */
export function withLiveSet(config: Config, live: Pick<LiveSet, 'lines' | 'employees'>): Config {
  return { ...config, lines: [...live.lines], employees: [...live.employees] };
}

/**
 * The config's cross-checks (`crossCheckConfig`) on the config with the live lines and employees
 * swapped in, and every forward-via override pointing from a PBX connection to another live line.
 * A run-time change is accepted only when this finds nothing: the main line stays, no line an
 * employee, a forward-via or a failover names vanishes, every line's account exists.
 */
export function crossCheckLive(config: Config, live: LiveSet): ConfigProblem[] {
  const problems = crossCheckConfig(withLiveSet(config, live));
  const lines = new Map(live.lines.map((line) => [line.id, line]));
  for (const [connection, via] of Object.entries(live.forwardViaOverrides ?? {})) {
    const path = `forwardVia.${connection}`;
    const from = lines.get(connection);
    if (from === undefined)
      problems.push({ path, message: `a forward-via override is set on unknown connection (line) "${connection}"` });
    else if (from.kind !== 'pbx')
      problems.push({ path, message: `a forward-via override is set on ${from.kind} line "${connection}", not a PBX connection` });
    if (!lines.has(via))
      problems.push({ path, message: `connection "${connection}" forwards via unknown line "${via}"` });
    else if (via === connection)
      problems.push({ path, message: 'a PBX connection cannot forward via itself' });
  }
  return problems;
}
