// Reconciles FreeSWITCH's leg CDRs with the journal: writes the adjustments and missing charges that
// plan-leg-adjustments computes, once (their ids are keys), and moves the live balance by the same. CDRs younger than the grace period are
// left for later: the event-based charge may still be on its way (the CDR POST comes before the
// leg's HANGUP_COMPLETE, and the charge passes through the outbox).
import type { Tariff } from '@callfwd/domain';
import type { Pool } from 'pg';
import { legCdrFromRow, LEG_CDR_COLUMNS, type LegCdrDbRow } from '../db/leg-cdr-rows.js';
import { toSafeInteger } from '../db/query-journal.js';
import type { RecordsBatchInput, WriteBatchCounts } from '../schemas/records-batch.js';
import { planLegAdjustment, type LegVerdict } from './plan-leg-adjustments.js';

export interface ReconcileLegCdrsOptions {
  db: { pool: Pool; writeBatch(batch: RecordsBatchInput): Promise<WriteBatchCounts> };
  tariffFor: (account: string) => Tariff | null;
  /** Only CDRs received at least this long ago, ms. Default 120000. */
  graceMs?: number;
  /**
   * The live ledger (Redis): each correction is applied to the live balance first, once per entry id,
   * so the live balance and the balance of record move together (a crash before the journal write
   * plans the entry again, and the ledger's ref makes its second application nothing).
   */
  live?: { adjust(account: string, delta: number, ref: string): Promise<{ applied: boolean; moved: number }> };
  /** Told when the live balance could not move by the whole correction (it would have gone below zero). */
  onShortLive?: (entry: { id: string; account: string; amount: number; moved: number }) => void;
  /** CDRs per run, at most. Default 10000. */
  limit?: number;
  now?: number;
}

export type LegReconcileCounts = Record<LegVerdict, number> & { checked: number; written: number };

interface Row extends LegCdrDbRow {
  charge_amount: string | null;
  charge_account: string | null;
  charge_currency: string | null;
  rec_account: string | null;
  rec_target: string | null;
  rec_currency: string | null;
}

export async function reconcileLegCdrs(options: ReconcileLegCdrsOptions): Promise<LegReconcileCounts> {
  const now = options.now ?? Date.now();
  const graceMs = options.graceMs ?? 120_000;
  const reply = await options.db.pool.query<Row>(
    `SELECT ${LEG_CDR_COLUMNS.split(', ')
      .map((c) => `c.${c}`)
      .join(', ')},
            j.amount_minor AS charge_amount, j.account AS charge_account, j.currency AS charge_currency,
            r.account AS rec_account, r.target AS rec_target, r.currency AS rec_currency
       FROM leg_cdrs c
       LEFT JOIN journal j ON j.id = c.leg_uuid::text
       LEFT JOIN journal a ON a.id = 'adj:' || c.leg_uuid::text
       LEFT JOIN LATERAL (SELECT account, target, currency FROM call_records WHERE call_uuid = c.call_uuid LIMIT 1) r ON true
      WHERE a.id IS NULL AND (c.variables->>'forwardLeg')::boolean AND c.received_at <= $1
      ORDER BY c.received_at LIMIT $2`,
    [new Date(now - graceMs).toISOString(), options.limit ?? 10_000],
  );
  const counts: LegReconcileCounts = {
    checked: 0,
    written: 0,
    matched: 0,
    adjusted: 0,
    charged: 0,
    waiting: 0,
    not_ours: 0,
    no_rate: 0,
  };
  const journal = [];
  for (const row of reply.rows) {
    const plan = planLegAdjustment(
      {
        cdr: legCdrFromRow(row),
        charge:
          row.charge_account === null || row.charge_currency === null
            ? null
            : {
                amount: toSafeInteger(row.charge_amount),
                account: row.charge_account,
                currency: row.charge_currency,
              },
        record:
          row.rec_target === null && row.rec_account === null
            ? null
            : { account: row.rec_account, target: row.rec_target, currency: row.rec_currency },
      },
      options.tariffFor,
      now,
    );
    counts.checked += 1;
    counts[plan.verdict] += 1;
    if (plan.entry !== null) journal.push(plan.entry);
  }
  if (options.live !== undefined) {
    for (const entry of journal) {
      if (entry.amount === 0) continue;
      const applied = await options.live.adjust(entry.account, entry.amount, entry.id);
      if (applied.applied && applied.moved !== entry.amount) options.onShortLive?.({ id: entry.id, account: entry.account, amount: entry.amount, moved: applied.moved });
    }
  }
  if (journal.length > 0) counts.written = (await options.db.writeBatch({ journal })).journal;
  return counts;
}
