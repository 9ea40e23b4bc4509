import { z } from 'zod';
import { errorResponses } from '../errors/error-schema.js';
import type { ApiApp, ApiContext } from '../http/api-context.js';
import { parseTime } from '../records/parse-time.js';
import {
  RecordingEntrySchema,
  RecordsQuerySchema,
  StatementRecordSchema,
  type RecordsFilter,
} from '../records/records-reader.js';

const PageNext = z.string().nullable().describe('pass as cursor for the next page; null on the last');

function filterOf(query: z.infer<typeof RecordsQuerySchema>): RecordsFilter {
  const filter: RecordsFilter = {};
  const from = parseTime(query.from, 'from');
  const to = parseTime(query.to, 'to');
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  for (const key of ['account', 'outcome', 'connection', 'employee'] as const) {
    const value = query[key];
    if (value !== undefined) filter[key] = value;
  }
  return filter;
}

function pageOf(query: z.infer<typeof RecordsQuerySchema>): { limit: number; cursor?: string } {
  return query.cursor === undefined ? { limit: query.limit } : { limit: query.limit, cursor: query.cursor };
}

/** The recording's URL under the configured base, when there is one. */
function urlOf(base: string | undefined, file: string): string | null {
  if (base === undefined) return null;
  const name = file.split('/').pop() ?? file;
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}

/** GET /v1/statement and /v1/recordings: the CLI's filters, newest first, cursor paging. */
export function registerRecordsRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get('/v1/statement', {
    config: { scope: 'read' },
    schema: {
      tags: ['records'],
      summary: 'The detailed statement: one record per forwarded call',
      querystring: RecordsQuerySchema,
      response: {
        200: z.object({
          records: z.array(StatementRecordSchema.extend({ recordingUrl: z.string().nullable() })),
          next: PageNext,
        }),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: async (request) => {
      const page = await ctx.records.statement(filterOf(request.query), pageOf(request.query));
      const records = page.items.map((record) => {
        const file = (record.recording as { file?: unknown } | null | undefined)?.file;
        return {
          ...record,
          recordingUrl: typeof file === 'string' ? urlOf(ctx.recordingsBaseUrl, file) : null,
        };
      });
      return { records, next: page.next };
    },
  });

  app.get('/v1/recordings', {
    config: { scope: 'read' },
    schema: {
      tags: ['records'],
      summary: 'Recorded forwards, with a URL when a recordings base URL is configured',
      querystring: RecordsQuerySchema,
      response: {
        200: z.object({
          recordings: z.array(RecordingEntrySchema.extend({ url: z.string().nullable() })),
          next: PageNext,
        }),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: async (request) => {
      const page = await ctx.records.recordings(filterOf(request.query), pageOf(request.query));
      return {
        recordings: page.items.map((r) => ({ ...r, url: urlOf(ctx.recordingsBaseUrl, r.file) })),
        next: page.next,
      };
    },
  });
}
