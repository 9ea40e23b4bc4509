import { checkSetForwardVia, effectiveForwardVia, IdSchema, type Config } from '@callfwd/domain';
import type { ForwardViaChange } from '@callfwd/store';
import { z } from 'zod';
import { tokenOf } from '../auth/install-auth.js';
import { ApiError } from '../errors/api-error.js';
import { errorResponses } from '../errors/error-schema.js';
import type { ApiApp, ApiContext } from '../http/api-context.js';
import { readLiveConfig } from '../lines/read-live-config.js';

export const ConnectionSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    number: z.string(),
    account: z.string(),
    configuredForwardVia: z.string().nullable(),
    override: z.string().nullable(),
    effective: z
      .object({ line: z.string(), number: z.string(), reason: z.string(), explanation: z.string() })
      .nullable(),
    lastChange: z.object({ line: z.string().nullable(), by: z.string().nullable(), at: z.int() }).nullable(),
  })
  .meta({ id: 'Connection' });

type Connection = z.infer<typeof ConnectionSchema>;

const ParamsSchema = z.strictObject({ id: IdSchema });
const ForwardViaBodySchema = z.strictObject({
  line: IdSchema.nullable().describe('the line to forward through; null clears the run-time change'),
});

function describeConnection(
  config: Config,
  id: string,
  overrides: Record<string, string>,
  changes: Record<string, ForwardViaChange>,
): Connection | undefined {
  const line = config.lines.find((l) => l.id === id && l.kind === 'pbx');
  if (line === undefined) return undefined;
  const effective = effectiveForwardVia(config, id, overrides);
  const change = changes[id];
  return {
    id,
    name: line.name ?? null,
    number: line.number,
    account: line.account,
    configuredForwardVia: line.forwardVia ?? null,
    override: overrides[id] ?? null,
    effective: effective.ok
      ? {
          line: effective.line.id,
          number: effective.line.number,
          reason: effective.reason,
          explanation: effective.explanation,
        }
      : null,
    lastChange: change === undefined ? null : { line: change.lineId, by: change.by, at: change.at },
  };
}

/**
 * GET /v1/connections[/:id], PUT /v1/connections/:id/forward-via (rules 1 and 2), over the live lines
 * (GET /v1/lines is in lines-routes.ts).
 */
export function registerConnectionRoutes(app: ApiApp, ctx: ApiContext): void {
  const { settings } = ctx;
  const sources = { config: ctx.config, lines: ctx.lines, employees: ctx.employees, settings };

  app.get('/v1/connections', {
    config: { scope: 'read' },
    schema: {
      tags: ['connections'],
      summary: 'PBX connections with the line their forwards leave through, and why',
      response: { 200: z.object({ connections: z.array(ConnectionSchema) }), ...errorResponses(401, 403) },
    },
    handler: async () => {
      const [{ config, overrides }, changes] = await Promise.all([
        readLiveConfig(sources),
        settings.getForwardViaChanges(),
      ]);
      const connections = config.lines
        .filter((l) => l.kind === 'pbx')
        .map((l) => describeConnection(config, l.id, overrides, changes))
        .filter((c): c is Connection => c !== undefined);
      return { connections };
    },
  });

  app.get('/v1/connections/:id', {
    config: { scope: 'read' },
    schema: {
      tags: ['connections'],
      summary: 'One PBX connection',
      params: ParamsSchema,
      response: { 200: ConnectionSchema, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const [{ config, overrides }, changes] = await Promise.all([
        readLiveConfig(sources),
        settings.getForwardViaChanges(),
      ]);
      const connection = describeConnection(config, request.params.id, overrides, changes);
      if (connection === undefined)
        throw new ApiError(404, 'UNKNOWN_CONNECTION', `there is no PBX connection "${request.params.id}"`);
      return connection;
    },
  });

  app.put('/v1/connections/:id/forward-via', {
    config: { scope: 'write' },
    schema: {
      tags: ['connections'],
      summary: "Change (or clear) a PBX connection's forward-via at run time",
      params: ParamsSchema,
      body: ForwardViaBodySchema,
      response: { 200: ConnectionSchema, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { id } = request.params;
      const { line } = request.body;
      const token = tokenOf(request);
      const { config, overrides: current } = await readLiveConfig(sources);
      if (!config.lines.some((l) => l.id === id))
        throw new ApiError(404, 'UNKNOWN_CONNECTION', `there is no connection "${id}"; nothing changed`);
      // Clearing needs only the connection to be a PBX one: probe the rule with any other line.
      const probe = line ?? config.lines.find((l) => l.id !== id)?.id ?? id;
      const check = checkSetForwardVia(config, id, probe);
      if (!check.ok && (line !== null || check.code === 'NOT_A_PBX_CONNECTION')) {
        throw new ApiError(
          400,
          check.code,
          check.message,
          check.code === 'NOT_A_PBX_CONNECTION' ? undefined : 'line',
        );
      }
      const before = current[id] ?? null;
      if (line === null) await settings.clearForwardVia(id, token.name);
      else await settings.setForwardVia(id, line, token.name);
      await ctx.changes.record(
        { kind: 'forward_via', subject: id, by: token.name, old: before, new: line },
        ctx.now(),
      );
      request.log.info({ by: token.name, connection: id, old: before, new: line }, 'forward-via changed');
      const [overrides, changes] = await Promise.all([
        settings.getForwardViaOverrides(),
        settings.getForwardViaChanges(),
      ]);
      const connection = describeConnection(config, id, overrides, changes);
      if (connection === undefined) throw new Error(`connection ${id} vanished`);
      return connection;
    },
  });
}
