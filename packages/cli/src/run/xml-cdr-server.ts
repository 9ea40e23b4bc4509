// A tiny node:http listener of its own for mod_xml_cdr's posts (`POST /cdr?uuid=...`): the ops
// server is metrics and health, the API is fastify's; this one only hands the body to
// @callfwd/records' framework-neutral handler and answers at once.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { XmlCdrHandler } from '@callfwd/records';

/** A leg's CDR is 5-13 KB; anything far beyond is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface XmlCdrServer {
  start(host: string, port: number): Promise<number>;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createXmlCdrServer(handle: XmlCdrHandler): XmlCdrServer {
  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(body);
    };
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/cdr') return reply(404, 'not found\n');
    readBody(req)
      .then(async (body) => {
        if (body === null) return reply(413, 'too large\n');
        const answer = await handle(body, req.headers);
        reply(answer.status, answer.body);
      })
      .catch(() => reply(500, 'not stored, retry\n'));
  });
  return {
    start: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(address !== null && typeof address === 'object' ? address.port : port);
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
