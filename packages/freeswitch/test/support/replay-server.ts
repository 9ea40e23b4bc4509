import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { fixturePath, readFixture } from './fixtures.js';

export interface ReplayServer {
  readonly port: number;
  /** Every byte the client sent. */
  received(): string;
  close(): Promise<void>;
}

/**
 * Replays a capture's `.recv.raw` byte for byte. The bytes are released in the order the
 * real FreeSWITCH sent them relative to the client's commands: what arrived before the
 * client's nth send in the capture (the `recv@N` marks of its `.md` timeline) is sent
 * before the replay waits for the client's nth command. After the last segment the
 * socket stays open until the client or `close()` ends it.
 */
export async function startReplayServer(capture: string): Promise<ReplayServer> {
  const raw = readFixture(`${capture}.recv.raw`);
  const timeline = readFileSync(fixturePath(`${capture}.md`), 'utf8');
  const marks = [...timeline.matchAll(/SENT\*\* \(recv@(\d+)\)/g)].map((m) => Number(m[1]));
  const bounds = [...marks, raw.length];
  let received = '';
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let released = 0;
    let commands = 0;
    let buffer = '';
    const releaseUpTo = (index: number): void => {
      const until = bounds[Math.min(index, bounds.length - 1)] ?? raw.length;
      if (until > released) {
        socket.write(raw.subarray(released, until));
        released = until;
      }
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      buffer += chunk.toString('utf8');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        buffer = buffer.slice(end + 2);
        commands += 1;
        releaseUpTo(commands);
        end = buffer.indexOf('\n\n');
      }
    });
    releaseUpTo(0);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('replay server has no TCP address');
  return {
    port: address.port,
    received: () => received,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
