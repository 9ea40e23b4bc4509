import { backoffDelayMs, type NodeConnection, type ReconnectPolicy } from '@callfwd/freeswitch';
import type { BridgedLegStore, ForwardDocStore } from '@callfwd/store';
import type { Logger } from '@callfwd/telemetry';
import type { JobAdder } from '../jobs/create-job-adder.js';
import { sleep } from '../timing/sleep.js';
import { findMissedLegEvents, LISTING_LAG_MS } from './find-missed-leg-events.js';
import { findUnseenHangups } from './find-unseen-hangups.js';
import { listParkedCalls } from './list-parked-calls.js';

export type ResyncNode = Pick<NodeConnection, 'nodeId' | 'showChannels' | 'readVar' | 'transfer'>;

export interface ResyncOptions {
  readonly bridgedLegs: Pick<BridgedLegStore, 'listBridgedLegs'>;
  /** The forwards in flight, whose missed events the resync makes up for. */
  readonly docs: Pick<ForwardDocStore, 'listLive' | 'load'>;
  readonly adder: Pick<JobAdder, 'add'>;
  readonly log: Logger;
  /** When this listener started: for a node's first session, the last moment its events are known to have flowed. */
  readonly startedAt: number;
  /**
   * When each pass runs, in ms after the connect. Default [0, 1000, 2500]: a real node lists a
   * channel in `show channels` only 20-330 ms after its CHANNEL_PARK, so a call parked while we
   * connected can be missed by the first pass and by the events alike. The last pass comes after
   * the listing lag of a leg (`LISTING_LAG_MS`) placed just before the connection went: the first
   * two leave such a leg alone, as it may not be listed yet. An originate written as the socket was
   * cut is lost with it; that pass finds its leg gone, and its caller gets the next line or the
   * fallback then instead of at the ring timeout (the originate is never sent again).
   */
  readonly passesAtMs?: readonly number[];
  /** Between the tries of a failing pass; default 500 ms doubling to 10 s, with jitter. */
  readonly retry?: ReconnectPolicy;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface Resync {
  /** The node's events flow (again): its resync passes start. */
  connected(conn: ResyncNode): void;
  /** The node's events stopped: its resync ends, and the time is kept for the next session. */
  disconnected(nodeId: string): void;
  /** A leg's hangup this session saw (as an event): the unseen-hangup pass leaves the leg alone. */
  sawLegHangup(nodeId: string, legUuid: string): void;
  /** Ends every node's resync; resolves once they have stopped. */
  stop(): Promise<void>;
}

const DEFAULT_PASSES_AT_MS = [0, 1_000, LISTING_LAG_MS + 500] as const;
const DEFAULT_RETRY: ReconnectPolicy = { initialMs: 500, maxMs: 10_000 };

interface Session {
  readonly abort: AbortController;
  done: Promise<void>;
}

/**
 * The resync of each node after each (re)connect, in passes: every pass lists the node's parked
 * tagged callers and adds their `parked` jobs, then ends the bridged legs that hung up unseen. A
 * pass that fails (the node or Redis not answering yet) is tried again with backoff for as long as
 * the node stays connected.
 */
export function createResync(options: ResyncOptions): Resync {
  const { bridgedLegs, adder, log } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const retry = options.retry ?? DEFAULT_RETRY;
  const passesAt = options.passesAtMs ?? DEFAULT_PASSES_AT_MS;
  const sessions = new Map<string, Session>();
  const lostAt = new Map<string, number>();
  /** Per node, the leg hangups seen since its events stopped, kept only until its resync is done. */
  const seen = new Map<string, Set<string>>();
  const resynced = new Set<string>();
  const seenOf = (nodeId: string): Set<string> => {
    let set = seen.get(nodeId);
    if (set === undefined) seen.set(nodeId, (set = new Set()));
    return set;
  };

  /** One pass; returns why it failed, or null. */
  const pass = async (
    conn: ResyncNode,
    since: number,
    seenHangups: ReadonlySet<string>,
  ): Promise<string | null> => {
    const parked = await listParkedCalls(conn, log);
    if (!parked.ok) return parked.error;
    for (const j of parked.jobs) void adder.add(conn, j, { fromResync: true });
    const unseen = await findUnseenHangups({ conn, bridgedLegs, lostAt: since, seenHangups, log });
    if (!unseen.ok) return unseen.error;
    for (const j of unseen.jobs) void adder.add(conn, j);
    const missed = await findMissedLegEvents({ conn, docs: options.docs, log, now });
    if (!missed.ok) return missed.error;
    for (const j of missed.jobs) void adder.add(conn, j);
    return null;
  };

  const run = async (conn: ResyncNode, signal: AbortSignal): Promise<void> => {
    const start = now();
    const since = lostAt.get(conn.nodeId) ?? options.startedAt;
    const seenHangups = seenOf(conn.nodeId);
    for (const [index, at] of passesAt.entries()) {
      await sleep(start + at - now(), signal);
      for (let attempt = 0; !signal.aborted; attempt++) {
        const error = await pass(conn, since, seenHangups).catch((err: unknown) =>
          err instanceof Error ? err.message : String(err),
        );
        if (error === null) break;
        log.warn({ node: conn.nodeId, pass: index + 1, attempt, error }, 'resync failed: trying again');
        await sleep(backoffDelayMs(attempt, retry, random), signal);
      }
      if (signal.aborted) return;
    }
    resynced.add(conn.nodeId);
    seen.delete(conn.nodeId);
    log.info({ node: conn.nodeId, passes: passesAt.length }, 'resync done');
  };

  const end = (nodeId: string) => {
    sessions.get(nodeId)?.abort.abort();
    sessions.delete(nodeId);
  };

  return {
    connected(conn) {
      end(conn.nodeId);
      const session: Session = { abort: new AbortController(), done: Promise.resolve() };
      session.done = run(conn, session.abort.signal).catch((err: unknown) =>
        log.error({ err, node: conn.nodeId }, 'resync crashed'),
      );
      sessions.set(conn.nodeId, session);
    },
    disconnected(nodeId) {
      end(nodeId);
      lostAt.set(nodeId, now());
      resynced.delete(nodeId);
      seen.set(nodeId, new Set());
    },
    sawLegHangup(nodeId, legUuid) {
      if (!resynced.has(nodeId)) seenOf(nodeId).add(legUuid);
    },
    async stop() {
      const all = [...sessions.values()];
      for (const s of all) s.abort.abort();
      sessions.clear();
      await Promise.all(all.map((s) => s.done));
    },
  };
}
