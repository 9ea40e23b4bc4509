import { z } from 'zod';
import { errorResponses } from '../errors/error-schema.js';
import { ChangeEntrySchema, HistoryQuerySchema, type HistoryFilter } from '../history/history-reader.js';
import type { ApiApp, ApiContext } from '../http/api-context.js';

/** GET /v1/history: who changed what and when (forward-via, employees), newest first. */
export function registerHistoryRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get('/v1/history', {
    config: { scope: 'read' },
    schema: {
      tags: ['history'],
      summary: 'Changes made at run time: who, when, old and new',
      querystring: HistoryQuerySchema,
      response: {
        200: z.object({ changes: z.array(ChangeEntrySchema), next: z.string().nullable() }),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: async (request) => {
      const { kind, subject, cursor, limit } = request.query;
      const filter: HistoryFilter = {};
      if (kind !== undefined) filter.kind = kind;
      if (subject !== undefined) filter.subject = subject;
      const page = await ctx.history.history(filter, cursor === undefined ? { limit } : { limit, cursor });
      return { changes: page.items, next: page.next };
    },
  });
}
