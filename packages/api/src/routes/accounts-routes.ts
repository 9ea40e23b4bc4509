import { findAccount, IdSchema, type Account } from '@callfwd/domain';
import { createKeyspace } from '@callfwd/store';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { tokenOf } from '../auth/install-auth.js';
import { ApiError } from '../errors/api-error.js';
import { errorResponses } from '../errors/error-schema.js';
import type { ApiApp, ApiContext } from '../http/api-context.js';

export const AccountViewSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    currency: z.string(),
    balance: z.int().describe('minor units'),
    reserved: z.int().describe('the sum of the open holds, minor units'),
    available: z.int(),
    holds: z.object({ count: z.int(), amount: z.int() }),
  })
  .meta({ id: 'Account' });

const ParamsSchema = z.strictObject({ id: IdSchema });

const TopupBodySchema = z.strictObject({
  amount: z
    .int({ message: 'must be a whole number of minor units' })
    .min(1, { message: 'must be at least 1' })
    .max(Number.MAX_SAFE_INTEGER),
  ref: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'must be 1-128 letters, digits or _.:-' })
    .describe('the idempotency key: a ref is applied once'),
});

const TopupResultSchema = z.object({
  applied: z.boolean().describe('false: this ref was applied before'),
  account: AccountViewSchema,
});

function accountOf(ctx: ApiContext, id: string): Account {
  const account = findAccount(ctx.config, id);
  if (account === undefined)
    throw new ApiError(404, 'UNKNOWN_ACCOUNT', `there is no account "${id}" in the config`);
  return account;
}

async function viewOf(ctx: ApiContext, account: Account): Promise<z.infer<typeof AccountViewSchema>> {
  // The opening balance applies once, when Redis first sees the account (as the worker does).
  await ctx.ledger.ensureAccount(account.id, account.openingBalance);
  const now = ctx.now();
  const [balance, holds] = await Promise.all([
    ctx.ledger.getBalance(account.id, now),
    ctx.ledger.listHolds(account.id, now),
  ]);
  return {
    id: account.id,
    name: account.name ?? null,
    currency: account.currency,
    ...balance,
    holds: { count: holds.length, amount: holds.reduce((sum, h) => sum + h.amount, 0) },
  };
}

/** GET /v1/accounts[/:id], POST /v1/accounts/:id/topup (idempotent by ref). */
export function registerAccountRoutes(app: ApiApp, ctx: ApiContext, redis: Redis | Cluster): void {
  const keys = createKeyspace(ctx.config.redis.prefix);

  app.get('/v1/accounts', {
    config: { scope: 'read' },
    schema: {
      tags: ['accounts'],
      summary: 'Balances and open holds of every account',
      response: { 200: z.object({ accounts: z.array(AccountViewSchema) }), ...errorResponses(401, 403) },
    },
    handler: async () => ({ accounts: await Promise.all(ctx.config.accounts.map((a) => viewOf(ctx, a))) }),
  });

  app.get('/v1/accounts/:id', {
    config: { scope: 'read' },
    schema: {
      tags: ['accounts'],
      summary: 'One account',
      params: ParamsSchema,
      response: { 200: AccountViewSchema, ...errorResponses(400, 401, 403, 404) },
    },
    handler: (request) => viewOf(ctx, accountOf(ctx, request.params.id)),
  });

  app.post('/v1/accounts/:id/topup', {
    config: { scope: 'write' },
    schema: {
      tags: ['accounts'],
      summary:
        'Add money once per ref; the same ref again changes nothing, a ref reused for another amount is refused',
      params: ParamsSchema,
      body: TopupBodySchema,
      response: { 200: TopupResultSchema, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      const account = accountOf(ctx, request.params.id);
      const { amount, ref } = request.body;
      const token = tokenOf(request);
      await ctx.ledger.ensureAccount(account.id, account.openingBalance);
      const seen = await redis.hget(keys.account(account.id).topups, ref);
      const seenAmount = seen === null ? undefined : Number.parseInt(seen.split(':')[0] ?? '', 10);
      if (seenAmount !== undefined && seenAmount !== amount) {
        throw new ApiError(
          409,
          'REF_REUSED',
          `ref "${ref}" was already used for a top-up of ${seenAmount} on ${account.id}; nothing changed`,
          'ref',
        );
      }
      await ctx.ledger.topup(account.id, amount, ref);
      if (seen === null)
        request.log.info({ by: token.name, account: account.id, amount, ref }, 'account topped up');
      return { applied: seen === null, account: await viewOf(ctx, account) };
    },
  });
}
