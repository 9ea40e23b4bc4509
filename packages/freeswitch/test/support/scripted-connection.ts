import { once } from 'node:events';
import {
  createNodeConnection,
  type ChannelEvent,
  type NodeConnection,
  type NodeConnectionOptions,
} from '../../src/index.js';
import { createRecordingLogger, type LogEntry } from './recording-logger.js';
import { startScriptedServer, type ScriptedServer, type ScriptedServerOptions } from './scripted-server.js';

export const SCRIPTED_PASSWORD = 'ClueCon-test';

export interface ScriptedConnection {
  readonly server: ScriptedServer;
  readonly conn: NodeConnection;
  /** Every event the connection delivered. */
  readonly events: ChannelEvent[];
  readonly logs: LogEntry[];
}

/**
 * Registers an afterEach that stops what `open` made, and returns `open`: a scripted server
 * and a node connection to it, already up.
 */
export function useScriptedConnection(): {
  open(
    serverOpts?: Partial<ScriptedServerOptions>,
    connOpts?: Partial<NodeConnectionOptions>,
  ): Promise<ScriptedConnection>;
} {
  let opened: ScriptedConnection | undefined;
  afterEach(async () => {
    await opened?.conn.stop();
    await opened?.server.close();
    opened = undefined;
  });
  return {
    async open(serverOpts = {}, connOpts = {}) {
      const server = await startScriptedServer({ password: SCRIPTED_PASSWORD, ...serverOpts });
      const events: ChannelEvent[] = [];
      const logger = createRecordingLogger();
      const conn = createNodeConnection({
        node: { id: 'fs-a', host: '127.0.0.1', port: server.port, password: SCRIPTED_PASSWORD },
        logger,
        reconnect: { initialMs: 10, maxMs: 60_000 },
        commandTimeoutMs: 2000,
        onEvent: (e) => events.push(e),
        ...connOpts,
      });
      opened = { server, conn, events, logs: logger.entries };
      const up = once(conn, 'up');
      conn.start();
      await up;
      return opened;
    },
  };
}
