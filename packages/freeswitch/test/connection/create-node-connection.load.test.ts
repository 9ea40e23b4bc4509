import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { expect } from 'chai';
import { createNodeConnection, type NodeConnection } from '../../src/index.js';
import { frame } from '../support/esl-frames.js';
import { capturedParkEvent, uuidFor } from '../support/park-event.js';
import { createRecordingLogger } from '../support/recording-logger.js';

const COUNT = 10_000;

/** Writes every frame as fast as the socket takes them, honouring backpressure. */
async function blast(socket: Socket, frames: readonly string[]): Promise<void> {
  for (const f of frames) {
    if (!socket.write(f)) await once(socket, 'drain');
  }
}

describe('createNodeConnection under an event flood', () => {
  let server: Server | undefined;
  let conn: NodeConnection | undefined;
  const sockets = new Set<Socket>();

  afterEach(async () => {
    await conn?.stop();
    for (const s of sockets) s.destroy();
    if (server !== undefined) await new Promise<void>((resolve) => server!.close(() => resolve()));
    conn = undefined;
    server = undefined;
  });

  it(`decodes all ${COUNT} JSON CHANNEL_PARK events sent back to back, none lost`, async () => {
    const park = capturedParkEvent();
    const frames = Array.from({ length: COUNT }, (_, i) =>
      frame.jsonEvent({
        ...park,
        'Unique-ID': uuidFor(i),
        'Channel-Call-UUID': uuidFor(i),
        'Event-Sequence': String(10_000 + i),
      }),
    );
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      let buffer = '';
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        if (buffer.endsWith('\n\n') && buffer.startsWith('auth ') && !buffer.includes('event json')) {
          socket.write(frame.commandReply('+OK accepted'));
        } else if (buffer.includes('event json') && buffer.endsWith('\n\n')) {
          socket.write(frame.commandReply('+OK event listener enabled json'));
          buffer = '';
          void blast(socket, frames);
        }
      });
      socket.write(frame.authRequest());
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');

    const seen = new Set<string>();
    let resolveAll: () => void = () => undefined;
    const all = new Promise<void>((resolve) => (resolveAll = resolve));
    conn = createNodeConnection({
      node: { id: 'fs-load', host: '127.0.0.1', port: address.port, password: 'pw' },
      logger: createRecordingLogger(),
      onEvent: (e) => {
        if (e.name === 'CHANNEL_PARK') seen.add(e.uuid);
        if (seen.size === COUNT) resolveAll();
      },
    });
    conn.start();
    await all;
    expect(seen.size).to.equal(COUNT);
    expect(conn.stats()).to.deep.equal({ events: COUNT, malformed: 0, reconnects: 0 });
  });
});
