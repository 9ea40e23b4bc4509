import { IdSchema, LineSchema } from '@callfwd/domain';
import { z } from 'zod';
import { tokenOf } from '../auth/install-auth.js';
import { ApiError } from '../errors/api-error.js';
import { errorResponses } from '../errors/error-schema.js';
import type { ApiApp, ApiContext } from '../http/api-context.js';
import { checkLineChange } from '../lines/check-line-change.js';
import { readLiveConfig } from '../lines/read-live-config.js';

/** A line as stored (after the domain's schema: defaults applied); the input is the domain's LineSchema. */
const LineOutSchema = z
  .looseObject({
    id: z.string(),
    kind: z.string(),
    name: z.string().optional(),
    number: z.string(),
    dial: z.string(),
    account: z.string(),
    forwardVia: z.string().optional(),
    failover: z.array(z.string()),
  })
  .meta({ id: 'Line' });
const ParamsSchema = z.strictObject({ id: IdSchema });

/** /v1/lines: the live lines a call can leave through (seeded from the config file), changed at run time, each change kept. */
export function registerLineRoutes(app: ApiApp, ctx: ApiContext): void {
  const sources = { config: ctx.config, lines: ctx.lines, employees: ctx.employees, settings: ctx.settings };

  app.get('/v1/lines', {
    config: { scope: 'read' },
    schema: {
      tags: ['lines'],
      summary: 'The live lines a call can leave through (and a forward-via may be set to)',
      response: { 200: z.object({ lines: z.array(LineOutSchema) }), ...errorResponses(401, 403) },
    },
    handler: async () => ({ lines: [...(await readLiveConfig(sources)).lines] }),
  });

  app.get('/v1/lines/:id', {
    config: { scope: 'read' },
    schema: {
      tags: ['lines'],
      summary: 'One line',
      params: ParamsSchema,
      response: { 200: LineOutSchema, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const line = (await readLiveConfig(sources)).lines.find((l) => l.id === request.params.id);
      if (line === undefined) throw new ApiError(404, 'UNKNOWN_LINE', `there is no line "${request.params.id}"`);
      return line;
    },
  });

  app.put('/v1/lines/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['lines'],
      summary: 'Create or replace a line (checked by the domain schema and the config cross-checks)',
      params: ParamsSchema,
      body: LineSchema,
      response: { 200: LineOutSchema, 201: LineOutSchema, ...errorResponses(400, 401, 403) },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      const line = request.body;
      if (line.id !== id)
        throw new ApiError(400, 'ID_MISMATCH', `id: the body says "${line.id}", the path "${id}"`, 'id');
      const checked = checkLineChange(await readLiveConfig(sources), { set: line });
      if (checked instanceof ApiError) throw checked;
      const token = tokenOf(request);
      // The first run-time change starts from the config file's lines (a no-op once seeded).
      await ctx.lines.seed(ctx.config.lines);
      const { previous } = await ctx.lines.set(line);
      await ctx.changes.record({ kind: 'line', subject: id, by: token.name, old: previous, new: line }, ctx.now());
      request.log.info({ by: token.name, line: id, created: previous === null }, 'line set');
      return reply.status(previous === null ? 201 : 200).send(line);
    },
  });

  app.delete('/v1/lines/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['lines'],
      summary: 'Remove a line no employee, connection or account setting still needs',
      params: ParamsSchema,
      response: { 200: z.object({ removed: LineOutSchema }), ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      const { id } = request.params;
      const live = await readLiveConfig(sources);
      if (!live.lines.some((l) => l.id === id))
        throw new ApiError(404, 'UNKNOWN_LINE', `there is no line "${id}"; nothing changed`);
      const checked = checkLineChange(live, { remove: id });
      if (checked instanceof ApiError) throw checked;
      const token = tokenOf(request);
      await ctx.lines.seed(ctx.config.lines);
      const { previous } = await ctx.lines.remove(id);
      if (previous === null) throw new ApiError(404, 'UNKNOWN_LINE', `there is no line "${id}"; nothing changed`);
      await ctx.changes.record({ kind: 'line', subject: id, by: token.name, old: previous, new: null }, ctx.now());
      request.log.info({ by: token.name, line: id }, 'line removed');
      return { removed: previous };
    },
  });
}
