import type { Stack } from '../../support/stack.js';

/** How many legs each line placed for one forward: a target may ring once per line (failover), never twice on one. */
export function originatesPerLine(stack: Stack, callUuid: string, node = 'fs1'): Record<string, number> {
  const perLine: Record<string, number> = {};
  for (const o of stack.originatesFor(callUuid, node)) {
    const line = o.vars.find(([k]) => k === 'callfwd_line')?.[1] ?? '?';
    perLine[line] = (perLine[line] ?? 0) + 1;
  }
  return perLine;
}

/** True when no line placed more than one leg for the forward. */
export function atMostOncePerLine(stack: Stack, callUuid: string, node = 'fs1'): boolean {
  return Object.values(originatesPerLine(stack, callUuid, node)).every((n) => n <= 1);
}
