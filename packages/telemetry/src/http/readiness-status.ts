import type { Readiness } from './create-ops-server.js';

/**
 * `ready`: every check holds. `degraded`: Redis (and every other shared dependency) is up and at
 * least one FreeSWITCH node is connected, but not all: the process still forwards the calls of the
 * nodes it reaches, so it is not dead. `down`: a shared dependency is down, or no node is
 * connected (or nothing was reported yet).
 */
export type ReadinessStatus = 'ready' | 'degraded' | 'down';

const NODE_CHECK = 'node:';

export function readinessStatus(readiness: Readiness): ReadinessStatus {
  if (readiness.ready) return 'ready';
  const entries = Object.entries(readiness.checks);
  const nodes = entries.filter(([name]) => name.startsWith(NODE_CHECK));
  const shared = entries.filter(([name]) => !name.startsWith(NODE_CHECK));
  if (entries.length === 0 || shared.some(([, up]) => !up)) return 'down';
  return nodes.some(([, up]) => up) ? 'degraded' : 'down';
}

/** The nodes a readiness names, and which of them are down. */
export function nodesOf(readiness: Readiness): { up: string[]; down: string[] } {
  const up: string[] = [];
  const down: string[] = [];
  for (const [name, ok] of Object.entries(readiness.checks)) {
    if (!name.startsWith(NODE_CHECK)) continue;
    (ok ? up : down).push(name.slice(NODE_CHECK.length));
  }
  return { up, down };
}
