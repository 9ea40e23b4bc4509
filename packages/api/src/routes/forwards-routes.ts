import { z } from 'zod';
import { errorResponses } from '../errors/error-schema.js';
import type { ApiApp, ApiContext } from '../http/api-context.js';

const LIVE_LIMIT = 1_000;

/** What ops see of a forward in flight: read loosely from its document (the worker owns its schema). */
const DocSummarySchema = z.object({
  phase: z.string().optional(),
  call: z
    .object({ connection: z.string(), dialled: z.string(), callerNumber: z.string(), parkedAt: z.number() })
    .partial()
    .optional(),
  plan: z
    .object({ employee: z.string(), target: z.string(), trigger: z.string() })
    .partial()
    .nullable()
    .optional(),
  legs: z.array(z.object({ line: z.string(), status: z.string() }).partial()).optional(),
});

export const LiveForwardSchema = z
  .object({
    node: z.string(),
    callUuid: z.string(),
    expiresAt: z.int(),
    phase: z.string().nullable(),
    connection: z.string().nullable(),
    dialled: z.string().nullable(),
    caller: z.string().nullable(),
    parkedAt: z.number().nullable(),
    employee: z.string().nullable(),
    target: z.string().nullable(),
    line: z.string().nullable().describe('the line of the newest leg'),
    legStatus: z.string().nullable(),
  })
  .meta({ id: 'LiveForward' });

/** GET /v1/forwards: the forwards in flight on every node (from the live sets of the forward documents). */
export function registerForwardRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get('/v1/forwards', {
    config: { scope: 'read' },
    schema: {
      tags: ['forwards'],
      summary: 'Forwards in flight, per node',
      response: { 200: z.object({ forwards: z.array(LiveForwardSchema) }), ...errorResponses(401, 403) },
    },
    handler: async () => {
      const perNode = await Promise.all(
        ctx.config.nodes.map(async (node) => {
          const live = await ctx.forwardDocs.listLive(node.id, LIVE_LIMIT);
          return Promise.all(
            live.map(async ({ callUuid, expiresAt }) => {
              const loaded = await ctx.forwardDocs.load(node.id, callUuid);
              const doc = DocSummarySchema.safeParse(loaded?.doc);
              const d = doc.success ? doc.data : {};
              const leg = d.legs?.[d.legs.length - 1];
              return {
                node: node.id,
                callUuid,
                expiresAt,
                phase: d.phase ?? null,
                connection: d.call?.connection ?? null,
                dialled: d.call?.dialled ?? null,
                caller: d.call?.callerNumber ?? null,
                parkedAt: d.call?.parkedAt ?? null,
                employee: d.plan?.employee ?? null,
                target: d.plan?.target ?? null,
                line: leg?.line ?? null,
                legStatus: leg?.status ?? null,
              };
            }),
          );
        }),
      );
      return { forwards: perNode.flat() };
    },
  });
}
