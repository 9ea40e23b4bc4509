import { createNodeConnection, type ChannelEvent, type NodeConnection } from '@callfwd/freeswitch';
import { quietLogger } from '../baselines/connect-nodes.js';

/** Sim-clock stamps (Event-Date-Timestamp, µs) of each inbound call's park and of its first target ringing. */
export interface RingObservations {
  readonly parkedAtUs: ReadonlyMap<string, number>;
  /** By the parent call (callfwd_parent): the first CHANNEL_PROGRESS, CHANNEL_PROGRESS_MEDIA or CHANNEL_ANSWER of a leg. */
  readonly ringingAtUs: ReadonlyMap<string, number>;
}

export interface RingObserver {
  readonly seen: RingObservations;
  stop(): Promise<void>;
}

export interface ObservedNode {
  readonly id: string;
  readonly port: number;
  readonly password: string;
}

/** Records one event into the observations; exported for its test. */
export function noteRingEvent(seen: { parkedAtUs: Map<string, number>; ringingAtUs: Map<string, number> }, event: ChannelEvent): void {
  if (event.name === 'CHANNEL_PARK') {
    if (event.direction !== 'inbound' || event.variables.callfwd_parent !== undefined) return;
    if (!seen.parkedAtUs.has(event.uuid)) seen.parkedAtUs.set(event.uuid, event.timestampUs);
    return;
  }
  if (event.name !== 'CHANNEL_PROGRESS' && event.name !== 'CHANNEL_PROGRESS_MEDIA' && event.name !== 'CHANNEL_ANSWER') return;
  const parent = event.variables.callfwd_parent;
  if (parent === undefined || parent === event.uuid) return;
  const first = seen.ringingAtUs.get(parent);
  if (first === undefined || event.timestampUs < first) seen.ringingAtUs.set(parent, event.timestampUs);
}

/**
 * Post-dial delay without touching the simulator: one more event-socket client per node (in the
 * bench's own process, so decoding is not the simulator's CPU) subscribed to the park and to a leg's
 * ringing. Both stamps are the node's own clock (Event-Date-Timestamp), so the figure is "park to
 * the moment the simulator sent the target's CHANNEL_PROGRESS (or early media, or the answer)".
 */
export async function observeRinging(nodes: readonly ObservedNode[]): Promise<RingObserver> {
  const seen = { parkedAtUs: new Map<string, number>(), ringingAtUs: new Map<string, number>() };
  const connections: NodeConnection[] = [];
  await Promise.all(
    nodes.map(
      (node) =>
        new Promise<void>((resolve) => {
          const conn = createNodeConnection({
            node: { ...node, host: '127.0.0.1' },
            events: ['CHANNEL_PARK', 'CHANNEL_PROGRESS', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_ANSWER'],
            logger: quietLogger,
            onEvent: (event) => noteRingEvent(seen, event),
          });
          conn.once('up', () => resolve());
          connections.push(conn);
          conn.start();
        }),
    ),
  );
  return { seen, stop: async () => void (await Promise.all(connections.map((c) => c.stop()))) };
}

/** Post-dial delay samples (ms) of the calls parked at or after `windowStartUs`. */
export function postDialDelaysMs(seen: RingObservations, windowStartUs: number): number[] {
  const out: number[] = [];
  for (const [uuid, ringingAt] of seen.ringingAtUs) {
    const parkedAt = seen.parkedAtUs.get(uuid);
    if (parkedAt === undefined || parkedAt < windowStartUs) continue;
    out.push((ringingAt - parkedAt) / 1000);
  }
  return out;
}
