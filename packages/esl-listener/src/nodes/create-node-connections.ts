import type { Config } from '@callfwd/domain';
import {
  createNodeConnection,
  type ChannelEvent,
  type ChannelEventName,
  type NodeConnection,
} from '@callfwd/freeswitch';
import type { Logger, Metrics } from '@callfwd/telemetry';

export interface NodeConnectionsOptions {
  readonly config: Config;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly events: readonly ChannelEventName[];
  /** Every decoded event, synchronously on the socket's data path: must not block. */
  readonly onEvent: (conn: NodeConnection, event: ChannelEvent) => void;
  readonly onUp: (conn: NodeConnection) => void;
  readonly onDown: (conn: NodeConnection) => void;
}

export interface NodeConnections {
  readonly byNode: ReadonlyMap<string, NodeConnection>;
  start(): void;
  stop(): Promise<void>;
  /** `node:<id>` → whether its event socket is up. */
  readiness(): Record<string, boolean>;
}

/**
 * One inbound event-socket connection per configured node, reconnecting on its own; counts its
 * events, malformed frames and up/down state in the metrics and logs the changes.
 */
export function createNodeConnections(options: NodeConnectionsOptions): NodeConnections {
  const { config, log, metrics } = options;
  const byNode = new Map<string, NodeConnection>();
  for (const node of config.nodes) {
    const conn: NodeConnection = createNodeConnection({
      node,
      events: options.events,
      logger: log.child({ node: node.id, component: 'esl' }),
      commandTimeoutMs: config.worker.commandTimeoutMs,
      onEvent: (event) => {
        metrics.eslEvents.inc({ node: node.id, event: event.name });
        options.onEvent(conn, event);
      },
    });
    conn.on('up', () => {
      metrics.nodeConnected.set({ node: node.id, role: 'listener' }, 1);
      options.onUp(conn);
    });
    conn.on('down', (info) => {
      metrics.nodeConnected.set({ node: node.id, role: 'listener' }, 0);
      log.warn({ node: node.id, reason: info.reason, detail: info.detail }, 'node down');
      options.onDown(conn);
    });
    conn.on('malformed', (info) => {
      metrics.eslMalformedEvents.inc({ node: node.id });
      log.warn({ node: node.id, reason: info.reason }, 'malformed event');
    });
    byNode.set(node.id, conn);
  }
  return {
    byNode,
    start() {
      for (const conn of byNode.values()) conn.start();
    },
    async stop() {
      await Promise.all([...byNode.values()].map((c) => c.stop()));
    },
    readiness() {
      const checks: Record<string, boolean> = {};
      for (const [id, conn] of byNode) checks[`node:${id}`] = conn.isUp();
      return checks;
    },
  };
}
