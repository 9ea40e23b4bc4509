// The TCP side of a simulated node: accepts event-socket clients on 127.0.0.1 and fans events out.
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import type { EslBackend } from './esl-backend.js';
import type { EslConnection } from './esl-connection.js';
import { createEslConnection } from './esl-connection.js';
import type { FsEvent } from './fs-event.js';

export interface EslServer {
  listen(port: number): Promise<number>;
  close(): Promise<void>;
  /** Stops accepting and drops every client (the node is gone); `listen` again to come back. */
  pause(): Promise<void>;
  dropConnections(): void;
  publish(event: FsEvent): void;
  connectionCount(): number;
}

export function createEslServer(backend: EslBackend): EslServer {
  const connections = new Map<number, EslConnection>();
  let server: Server | undefined;
  let nextId = 1;

  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      const current = server;
      server = undefined;
      if (current === undefined) return resolve();
      current.close(() => resolve());
    });

  const dropConnections = (): void => {
    for (const connection of connections.values()) connection.destroy();
  };

  return {
    listen(port) {
      const next = createServer((socket) => {
        const connection = createEslConnection(nextId++, socket, backend);
        connections.set(connection.id, connection);
        void connection.closed.then(() => connections.delete(connection.id));
      });
      server = next;
      return new Promise((resolve, reject) => {
        next.once('error', reject);
        next.listen(port, '127.0.0.1', () => {
          next.off('error', reject);
          const address = next.address();
          resolve(typeof address === 'object' && address !== null ? address.port : port);
        });
      });
    },
    async close() {
      const closing = [...connections.values()].map((connection) => connection.closed);
      dropConnections();
      await Promise.all([stopListening(), ...closing]);
    },
    async pause() {
      const closing = [...connections.values()].map((connection) => connection.closed);
      dropConnections();
      await Promise.all([stopListening(), ...closing]);
    },
    dropConnections,
    publish(event) {
      for (const connection of connections.values()) connection.deliver(event);
    },
    connectionCount: () => connections.size,
  };
}
