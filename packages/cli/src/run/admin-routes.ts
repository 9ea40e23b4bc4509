import { IdSchema, type Config } from '@callfwd/domain';
import type { AdminRoute } from '@callfwd/telemetry';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { changeForwardVia } from '../actions/change-forward-via.js';
import { topupAccount } from '../actions/topup-account.js';

const TopupBody = z.strictObject({
  amount: z.int({ message: 'must be a whole number of minor units' }).min(1, { message: 'must be at least 1' }).max(Number.MAX_SAFE_INTEGER),
  ref: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'must be 1-128 letters, digits or _.:-' }),
});

const ForwardViaBody = z.strictObject({ line: IdSchema.nullable() });

function badBody(error: z.ZodError): { status: number; body: unknown } {
  return { status: 400, body: { error: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') } };
}

/** `<id>/<action>` from a route's param, with the id checked. */
function splitParam(param: string, action: string): string | undefined {
  const [id, rest, ...more] = param.split('/');
  if (rest !== action || more.length > 0 || !IdSchema.safeParse(id).success) return undefined;
  return id;
}

const NOT_FOUND = { status: 404, body: { error: 'not found' } };

/**
 * The admin routes of `run` (served only with the bearer token from http.tokenEnv):
 * POST /v1/accounts/<id>/topup {amount, ref} and PUT /v1/connections/<id>/forward-via {line}
 * (line null clears the run-time override). The domain's forward-via rule applies: 400 on refusal.
 */
export function createAdminRoutes(config: Config, redis: Redis | Cluster): AdminRoute[] {
  return [
    {
      method: 'POST',
      path: '/v1/accounts/',
      async handle({ param, body }) {
        const account = splitParam(param, 'topup');
        if (account === undefined) return NOT_FOUND;
        const parsed = TopupBody.safeParse(body);
        if (!parsed.success) return badBody(parsed.error);
        const result = await topupAccount(config, redis, { account, ...parsed.data });
        if (!result.ok) return { status: result.code === 'UNKNOWN_ACCOUNT' ? 404 : 409, body: { error: result.message, code: result.code } };
        return { status: 200, body: result };
      },
    },
    {
      method: 'PUT',
      path: '/v1/connections/',
      async handle({ param, body }) {
        const connection = splitParam(param, 'forward-via');
        if (connection === undefined) return NOT_FOUND;
        const parsed = ForwardViaBody.safeParse(body);
        if (!parsed.success) return badBody(parsed.error);
        const result = await changeForwardVia(config, redis, connection, parsed.data.line, 'http-admin');
        if (!result.ok) return { status: 400, body: { error: result.message, code: result.code } };
        return { status: 200, body: result };
      },
    },
  ];
}
