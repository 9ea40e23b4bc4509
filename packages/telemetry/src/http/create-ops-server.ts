import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { nodesOf, readinessStatus } from './readiness-status.js';

export interface Readiness {
  ready: boolean;
  /** Per dependency: true when connected (redis, node:fs1, ...). */
  checks: Record<string, boolean>;
}

export interface OpsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  readiness: () => Readiness;
  log: Logger;
}

export interface OpsServer {
  start(): Promise<{ host: string; port: number }>;
  stop(): Promise<void>;
}

/**
 * /metrics, /healthz (alive) and /readyz (ready, degraded or down: see readinessStatus); nothing
 * here changes anything (changes go through the API, packages/api). Binds to loopback unless told otherwise.
 */
export function createOpsServer(options: OpsServerOptions): OpsServer {
  let server: Server | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/metrics') {
      const text = await options.registry.metrics();
      return send(res, 200, text, options.registry.contentType);
    }
    if (req.method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (req.method === 'GET' && url.pathname === '/readyz') {
      // 200 when ready or degraded (one node of many down: the others' calls still flow), 503 when down.
      const r = options.readiness();
      const status = readinessStatus(r);
      return sendJson(res, status === 'down' ? 503 : 200, { status, ...r, nodes: nodesOf(r) });
    }
    return sendJson(res, 404, { error: 'not found (changes go through the API: http.apiPort)' });
  };

  return {
    start: () =>
      new Promise((resolve, reject) => {
        const s = createServer((req, res) => {
          handle(req, res).catch((err: unknown) => {
            options.log.error({ err }, 'ops http request failed');
            if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
          });
        });
        server = s;
        s.once('error', reject);
        s.listen(options.port, options.host, () => {
          const addr = s.address();
          const port = typeof addr === 'object' && addr ? addr.port : options.port;
          resolve({ host: options.host, port });
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, text: string, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}
