import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { nodesOf, readinessStatus } from './readiness-status.js';

export interface Readiness {
  ready: boolean;
  /** Per dependency: true when connected (redis, node:fs1, ...). */
  checks: Record<string, boolean>;
}

/** A route that changes money or settings: served only with the configured bearer token. */
export interface AdminRoute {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Exact path, or a prefix ending in '/' whose rest is passed as `param`. */
  path: string;
  handle(input: { param: string; body: unknown }): Promise<{ status: number; body: unknown }>;
}

export interface OpsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  readiness: () => Readiness;
  log: Logger;
  /** Without a token the admin routes answer 403: nothing that changes money is open. */
  adminToken?: string | undefined;
  adminRoutes?: readonly AdminRoute[];
}

export interface OpsServer {
  start(): Promise<{ host: string; port: number }>;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/** /metrics, /healthz (alive), /readyz (ready, degraded or down: see readinessStatus) and the token-guarded admin routes. Binds to loopback unless told otherwise. */
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
    const route = findRoute(options.adminRoutes ?? [], req.method ?? '', url.pathname);
    if (!route) return sendJson(res, 404, { error: 'not found' });
    if (!options.adminToken) return sendJson(res, 403, { error: 'admin routes are disabled: no http token is configured' });
    if (!tokenMatches(req.headers.authorization, options.adminToken)) return sendJson(res, 401, { error: 'bad or missing bearer token' });
    const body = await readJson(req);
    if (body === BAD_BODY) return sendJson(res, 400, { error: 'body must be JSON, at most 64 KiB' });
    const result = await route.route.handle({ param: route.param, body });
    return sendJson(res, result.status, result.body);
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

function findRoute(routes: readonly AdminRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    if (route.path === path) return { route, param: '' };
    if (route.path.endsWith('/') && path.startsWith(route.path) && path.length > route.path.length) {
      return { route, param: decodeURIComponent(path.slice(route.path.length)) };
    }
  }
  return undefined;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

const BAD_BODY = Symbol('bad body');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return BAD_BODY;
    chunks.push(buf);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return BAD_BODY;
  }
}

function send(res: ServerResponse, status: number, text: string, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}
