import { randomUUID } from 'node:crypto';
import { createNodeConnection, type ChannelEvent, type ChannelEventName, type Logger, type NodeConnection } from '@callfwd/freeswitch';
import { NODE_PASSWORD_ENV, TARGET_DIGITS } from '../run/bench-config.js';

/** Where the baselines find the simulated nodes: CALLFWD_BENCH_PORTS (comma-separated), passwords as for callfwd. */
export function nodesFromEnv(): Array<{ id: string; port: number; password: string }> {
  const ports = (process.env.CALLFWD_BENCH_PORTS ?? '').split(',').filter((p) => p !== '');
  return ports.map((port, i) => ({ id: `fs${i + 1}`, port: Number(port), password: process.env[NODE_PASSWORD_ENV(i)] ?? '' }));
}

/** A logger that drops everything but errors (to stderr): the baselines measure the hop, not logging. */
export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...obj })}\n`),
  child: () => quietLogger,
};

/** Connects to every node; resolves once all are up. */
export async function connectNodes(
  events: readonly ChannelEventName[],
  onEvent: (conn: NodeConnection, event: ChannelEvent) => void,
): Promise<Map<string, NodeConnection>> {
  const connections = new Map<string, NodeConnection>();
  await Promise.all(
    nodesFromEnv().map(
      (node) =>
        new Promise<void>((resolve) => {
          const conn: NodeConnection = createNodeConnection({
            node: { ...node, host: '127.0.0.1' },
            events,
            logger: quietLogger,
            onEvent: (event) => onEvent(conn, event),
          });
          conn.once('up', () => resolve());
          connections.set(node.id, conn);
          conn.start();
        }),
    ),
  );
  return connections;
}

/** A parked inbound call tagged by the dialplan (not one of our own forwarded legs): the uuid, else undefined. */
export function parkedCall(event: ChannelEvent): string | undefined {
  if (event.name !== 'CHANNEL_PARK' || event.direction !== 'inbound') return undefined;
  if (!event.variables.callfwd_connection || event.variables.callfwd_parent) return undefined;
  return event.uuid;
}

/**
 * The baselines' originate: one fixed line, no rules, sent with `sendOriginate` (bgapi, resolved at
 * the command reply, never waiting for the phone): the hop ends when the node has it. `originate`
 * would wait for a BACKGROUND_JOB, which a command-only connection (the bare hop's worker) never gets.
 */
export function sendOriginate(conn: NodeConnection, callUuid: string, line: string): void {
  conn
    .sendOriginate({
      legUuid: randomUUID(),
      jobUuid: randomUUID(),
      dialString: `sofia/gateway/platform/${TARGET_DIGITS.answers}`,
      variables: { callfwd_parent: callUuid, callfwd_line: line, origination_caller_id_number: '48221000000' },
    })
    .catch((err: unknown) => quietLogger.error({ err: String(err) }, 'originate failed'));
}
