import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { scopeAllows, type ApiToken, type TokenScope } from './api-token.js';
import { findToken } from './find-token.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one (the console, /openapi.json) are public. */
    scope?: TokenScope;
  }
  interface FastifyRequest {
    /** The token the request came with (set on every route that needs a scope). */
    apiToken?: ApiToken;
  }
}

/** The token of a request that passed the auth hook (every route with a scope). */
export function tokenOf(request: FastifyRequest): ApiToken {
  if (request.apiToken === undefined)
    throw new Error(`no token on ${request.method} ${request.url}: the route has no scope`);
  return request.apiToken;
}

/** 401 without a known token, 403 with a read token on a write route; before the body is read. */
export function installAuth(app: FastifyInstance, tokens: readonly ApiToken[]): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const needed = request.routeOptions.config.scope;
    if (needed === undefined) return done();
    const token = findToken(tokens, request.headers.authorization);
    if (token === undefined)
      return done(
        new ApiError(401, 'UNAUTHORIZED', 'a valid token is required: Authorization: Bearer <secret>'),
      );
    if (!scopeAllows(token.scope, needed)) {
      return done(
        new ApiError(
          403,
          'FORBIDDEN',
          `token ${token.name} has scope ${token.scope}; this route needs ${needed}`,
        ),
      );
    }
    request.apiToken = token;
    return done();
  });
}
