import type { CommandRecord, OriginateRecord, SimNode } from '@callfwd/fs-sim';

export interface NodeObservations {
  readonly parks: Map<string, number>;
  readonly originates: Array<{ parent: string; line: string; target: string; at: number }>;
  readonly fallbacks: Map<string, number>;
}

export interface NodeObserver {
  readonly seen: NodeObservations;
  /** Reads what the node logged since the last poll; call often (the command log is bounded). */
  poll(): void;
  stop(): void;
}

const TRANSFER = /^(?:bg)?api uuid_transfer (\S+)/;

/**
 * Watches one simulated node: each inbound call's first CHANNEL_PARK (pushed), and, by tailing the
 * node's logs, every originate that carries callfwd_parent and every uuid_transfer (a fallback).
 */
export function observeNode(node: SimNode): NodeObserver {
  const seen: NodeObservations = { parks: new Map(), originates: [], fallbacks: new Map() };
  const onPark = (notice: { uuid: string; direction: string; at: number }) => {
    if (notice.direction === 'inbound' && !seen.parks.has(notice.uuid)) seen.parks.set(notice.uuid, notice.at);
  };
  node.on('park', onPark);
  let lastOriginateAt = -1;
  let lastCommandAt = -1;
  return {
    seen,
    poll() {
      for (const o of newerThan<OriginateRecord>(node.originates(), lastOriginateAt)) {
        const parent = o.vars.find(([k]) => k === 'callfwd_parent')?.[1];
        if (parent === undefined) continue;
        const line = o.vars.find(([k]) => k === 'callfwd_line')?.[1] ?? o.dialString;
        seen.originates.push({ parent, line, target: o.dialString, at: o.at });
      }
      lastOriginateAt = lastAt(node.originates(), lastOriginateAt);
      for (const c of newerThan<CommandRecord>(node.commands(), lastCommandAt)) {
        const match = TRANSFER.exec(c.raw);
        if (match !== null && !seen.fallbacks.has(match[1]!)) seen.fallbacks.set(match[1]!, c.at);
      }
      lastCommandAt = lastAt(node.commands(), lastCommandAt);
    },
    stop: () => node.off('park', onPark),
  };
}

/** Entries logged after `after` (logs are in time order; bounded logs drop their oldest). */
function newerThan<T extends { at: number }>(log: readonly T[], after: number): T[] {
  let i = log.length;
  while (i > 0 && (log[i - 1] as T).at > after) i--;
  return log.slice(i);
}

function lastAt(log: ReadonlyArray<{ at: number }>, fallback: number): number {
  return log.length === 0 ? fallback : (log[log.length - 1] as { at: number }).at;
}
