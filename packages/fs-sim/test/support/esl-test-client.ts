// A raw node:net event-socket client for tests: send commands, await messages.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { EslMessage } from './esl-messages.js';
import { createMessageSplitter } from './esl-messages.js';

export interface EslTestClient {
  readonly received: EslMessage[];
  readonly bytes: () => Buffer;
  send(text: string): void;
  /** Resolves with the first message at or after `from` that matches. */
  waitFor(match: (message: EslMessage) => boolean, timeoutMs?: number, from?: number): Promise<EslMessage>;
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  waitClosed(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function connectClient(port: number): Promise<EslTestClient> {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const splitter = createMessageSplitter();
  const received: EslMessage[] = [];
  const chunks: Buffer[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  const wake = (): void => waiters.forEach((waiter) => waiter());
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received.push(...splitter.push(chunk));
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  socket.on('error', () => undefined);

  const until = (done: () => boolean, timeoutMs: number, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (done()) return resolve();
      const check = (): void => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
    });

  return {
    received,
    bytes: () => Buffer.concat(chunks),
    send: (text) => void socket.write(text),
    async waitFor(match, timeoutMs = 5000, from = 0) {
      let found: EslMessage | undefined;
      await until(() => (found = received.slice(from).find(match)) !== undefined, timeoutMs, 'a matching message');
      return found!;
    },
    waitForCount: (count, timeoutMs = 5000) => until(() => received.length >= count, timeoutMs, `${count} messages`),
    waitClosed: (timeoutMs = 5000) => until(() => closed, timeoutMs, 'the socket to close'),
    async close() {
      if (closed) return;
      const done = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.destroy();
      await done;
    },
  };
}
