import { createServer, type Server, type Socket } from 'node:net';
import { frame } from './esl-frames.js';

/** One client connection as the scripted server sees it. */
export interface Peer {
  readonly socket: Socket;
  /** Every byte the client sent, in order. */
  received: string;
  readonly commands: string[];
  send(text: string): void;
}

export interface ScriptedServerOptions {
  readonly password: string;
  /** Reply text for `api <command>`; undefined sends nothing (a slow FreeSWITCH). */
  readonly onApi?: (command: string, peer: Peer) => string | undefined;
  /** Called after `bgapi` got its `+OK Job-UUID` reply. */
  readonly onBgapi?: (command: string, jobUuid: string, peer: Peer) => void;
  /**
   * The Reply-Text for `bgapi <command>` when set: a `-ERR ...` text is sent without a Job-UUID
   * header and skips onBgapi; undefined sends nothing (a slow FreeSWITCH). Unset: `+OK Job-UUID: <id>`.
   */
  readonly bgapiReply?: (command: string, jobUuid: string, peer: Peer) => string | undefined;
}

export interface ScriptedServer {
  readonly port: number;
  readonly peers: Peer[];
  /** Resolves when the nth connection (1-based) has arrived. */
  connection(n: number): Promise<Peer>;
  close(): Promise<void>;
}

/**
 * A small FreeSWITCH stand-in speaking the real framing: auth/request on connect, `-ERR invalid`
 * then a disconnect notice for a wrong password, command/reply for `event json` and `bgapi`,
 * api/response for `api` as scripted. Commands are read up to their blank line.
 */
export async function startScriptedServer(opts: ScriptedServerOptions): Promise<ScriptedServer> {
  const peers: Peer[] = [];
  const waiters: Array<{ n: number; resolve: (p: Peer) => void }> = [];
  const sockets = new Set<Socket>();

  const handle = (peer: Peer, command: string): void => {
    peer.commands.push(command);
    const [line = '', ...headerLines] = command.split('\n');
    if (line.startsWith('auth ')) {
      if (line.slice(5) === opts.password) {
        peer.send(frame.commandReply('+OK accepted'));
      } else {
        peer.send(frame.commandReply('-ERR invalid'));
        peer.send(frame.disconnectNotice());
        peer.socket.end();
      }
    } else if (line.startsWith('event json ')) {
      peer.send(frame.commandReply('+OK event listener enabled json'));
    } else if (line.startsWith('bgapi ')) {
      const jobUuid =
        headerLines.find((h) => h.startsWith('Job-UUID: '))?.slice('Job-UUID: '.length) ?? 'no-job-uuid';
      const reply =
        opts.bgapiReply === undefined
          ? `+OK Job-UUID: ${jobUuid}`
          : opts.bgapiReply(line.slice(6), jobUuid, peer);
      if (reply === undefined) return;
      if (reply.startsWith('-')) return peer.send(frame.commandReply(reply));
      peer.send(frame.commandReply(reply, `Job-UUID: ${jobUuid}\n`));
      opts.onBgapi?.(line.slice(6), jobUuid, peer);
    } else if (line.startsWith('api ')) {
      const reply = opts.onApi?.(line.slice(4), peer);
      if (reply !== undefined) peer.send(frame.apiResponse(reply));
    } else {
      peer.send(frame.commandReply('-ERR command not found'));
    }
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const peer: Peer = {
      socket,
      received: '',
      commands: [],
      send: (text) => {
        if (!socket.destroyed && socket.writable) socket.write(text);
      },
    };
    peers.push(peer);
    let buffer = '';
    socket.on('data', (chunk) => {
      peer.received += chunk.toString('utf8');
      buffer += chunk.toString('utf8');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        handle(peer, buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    });
    peer.send(frame.authRequest());
    for (const w of waiters.filter((x) => x.n === peers.length)) w.resolve(peer);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('scripted server has no TCP address');

  return {
    port: address.port,
    peers,
    connection: (n) => {
      const existing = peers[n - 1];
      if (existing !== undefined) return Promise.resolve(existing);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
