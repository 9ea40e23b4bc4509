import { createServer, type Server, type Socket } from 'node:net';

export interface FloodSession {
  readonly socket: Socket;
  /** Resolves when the client has authenticated and subscribed. */
  readonly subscribed: Promise<void>;
  /** Writes bytes as fast as the socket takes them, honouring backpressure. */
  write(bytes: Buffer): Promise<void>;
}

export interface FloodServer {
  readonly port: number;
  readonly sessions: FloodSession[];
  /** Resolves with the nth session (1-based) once it has subscribed. */
  session(n: number): Promise<FloodSession>;
  /** When false, `api` commands get no reply (a stuck node). */
  answerApi: boolean;
  close(): Promise<void>;
}

/**
 * A FreeSWITCH stand-in on 127.0.0.1 for the fuzz test: auth/request on connect, any password
 * accepted, `event json` acknowledged, `api` answered with `+OK fuzz`. What it sends after the
 * subscription is up to the test.
 */
export async function startFloodServer(): Promise<FloodServer> {
  const sockets = new Set<Socket>();
  const waiters: Array<{ n: number; resolve: (s: FloodSession) => void }> = [];
  const flood: FloodServer = {
    port: 0,
    sessions: [],
    answerApi: true,
    session(n) {
      const found = flood.sessions[n - 1];
      if (found) return found.subscribed.then(() => found);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let subscribed: () => void = () => undefined;
    const session: FloodSession = {
      socket,
      subscribed: new Promise<void>((resolve) => (subscribed = resolve)),
      async write(bytes) {
        if (socket.destroyed) return;
        if (socket.write(bytes)) return;
        await new Promise<void>((resolve) => {
          const done = () => {
            socket.off('drain', done);
            socket.off('close', done);
            resolve();
          };
          socket.on('drain', done);
          socket.on('close', done);
        });
      },
    };
    flood.sessions.push(session);
    const index = flood.sessions.length;
    let buffer = '';
    const reply = (text: string) => {
      if (!socket.destroyed) socket.write(text);
    };
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const line = buffer.slice(0, end).split('\n')[0] ?? '';
        buffer = buffer.slice(end + 2);
        if (line.startsWith('auth ')) reply('Content-Type: command/reply\nReply-Text: +OK accepted\n\n');
        else if (line.startsWith('event json')) {
          reply('Content-Type: command/reply\nReply-Text: +OK event listener enabled json\n\n');
          subscribed();
          for (const w of waiters.filter((x) => x.n === index)) w.resolve(session);
        } else if (line.startsWith('api ') && flood.answerApi) {
          const body = '+OK fuzz\n';
          reply(`Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`);
        }
      }
    });
    socket.write('Content-Type: auth/request\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('flood server has no TCP address');
  (flood as { port: number }).port = address.port;
  return flood;
}
