import { findAccount, type ForwardEffect } from '@callfwd/domain';
import { NOTHING, type EffectContext, type EffectResult } from './effect-context.js';

type Of<K extends ForwardEffect['kind']> = Extract<ForwardEffect, { kind: K }>;

/** The first slice: a pending transfer keyed by the leg (the same leg never holds twice). */
export async function runHold(ctx: EffectContext, e: Of<'hold'>): Promise<EffectResult> {
  const now = ctx.deps.now();
  const held = await ctx.deps.ledger.hold(e.account, e.legUuid, {
    amount: e.amount,
    minAmount: e.minAmount,
    expiresAt: e.expiresAt,
    now,
    ...(e.slot === null ? {} : { slot: e.slot }),
  });
  if (held.ok) return [{ kind: 'credit_held', legUuid: e.legUuid, held: held.held }];
  if (held.reason === 'insufficient_credit') return [{ kind: 'credit_refused', legUuid: e.legUuid, available: held.available }];
  if (held.reason === 'limit_reached') return [{ kind: 'credit_refused', legUuid: e.legUuid, available: 0, limit: true }];
  ctx.log.info({ legUuid: e.legUuid }, 'hold already resolved');
  return NOTHING;
}

/** Rule 11: the forward ended, its concurrent-forward slot goes back (idempotent). */
export async function runReleaseSlot(ctx: EffectContext, e: Of<'release_slot'>): Promise<EffectResult> {
  await ctx.deps.ledger.releaseSlot(e.account, e.callUuid);
  return NOTHING;
}

/** The next slice, all, part or none of it; the forward learns the total either way. */
export async function runExtendHold(ctx: EffectContext, e: Of<'extend_hold'>): Promise<EffectResult> {
  const now = ctx.deps.now();
  const result = await ctx.deps.ledger.extendHold(e.account, e.legUuid, { slice: e.slice, amount: e.amount, minAmount: 0, expiresAt: e.expiresAt, now });
  if (result.ok) return [{ kind: 'credit_extended', legUuid: e.legUuid, slice: e.slice, held: result.held }];
  ctx.log.info({ legUuid: e.legUuid, reason: result.reason }, 'next credit slice not granted');
  return [{ kind: 'credit_extended', legUuid: e.legUuid, slice: e.slice, held: 0 }];
}

/** Resolves the leg's hold by posting its cost, exactly once (a repeat charges nothing). */
export async function runPost(ctx: EffectContext, e: Of<'post'>): Promise<EffectResult> {
  const posted = await ctx.deps.ledger.postHold(e.account, e.legUuid, e.cost, {
    at: e.at,
    now: ctx.deps.now(),
    meta: { callUuid: e.callUuid, billsec: e.billsec, node: ctx.nodeId },
  });
  if (posted.conflict) ctx.deps.metrics.ledgerConflicts.inc({ kind: 'cost_above_hold' });
  if (posted.withoutHold && !posted.alreadyPosted) ctx.deps.metrics.ledgerConflicts.inc({ kind: 'post_without_hold' });
  ctx.log.info({ legUuid: e.legUuid, cost: posted.charged, billsec: e.billsec, alreadyPosted: posted.alreadyPosted }, 'leg charged');
  // After the post, a repeat included (it returns the first result): the journal row is keyed by the leg.
  const outbox = ctx.deps.recordsOutbox;
  if (outbox !== undefined) {
    const currency = findAccount(ctx.deps.config, e.account)?.currency;
    if (currency === undefined) throw new Error(`account ${e.account} is not in the config: its charge cannot be journalled`);
    const entry = { id: e.legUuid, account: e.account, kind: 'charge', amount: -posted.charged, currency, leg: e.legUuid, call: e.callUuid, at: e.at, note: posted.withoutHold ? 'post without hold' : null };
    await outbox.append(outbox.keys.account(e.account), { kind: 'journal', data: entry });
  }
  return NOTHING;
}

export async function runVoid(ctx: EffectContext, e: Of<'void'>): Promise<EffectResult> {
  await ctx.deps.ledger.voidHold(e.account, e.legUuid, ctx.deps.now());
  return NOTHING;
}
