// Retention: the statement's day partitions older than the retention are detached and dropped (an
// instant DROP TABLE, no vacuum debt), and the leg CDRs received before it are deleted in batches.
// The journal and the settings history are kept (money and audit).
import type { Pool } from 'pg';
import { z } from 'zod';
import { parseEdge } from './parse-edge.js';

export const PruneOptionsSchema = z.object({
  /** Whole days to keep, counted back from today (UTC); 1 keeps today and yesterday. */
  olderThanDays: z.int().min(1).max(36_500),
  /** List what would go, change nothing. */
  dryRun: z.boolean().default(false),
  now: z.int().min(0).optional(),
});

export type PruneOptions = z.input<typeof PruneOptionsSchema>;

export interface PruneResult {
  /** The partitions dropped (or that would be, with dryRun). */
  partitions: string[];
  legCdrsDeleted: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CDR_BATCH = 10_000;

export async function prune(pool: Pool, input: PruneOptions): Promise<PruneResult> {
  const options = parseEdge(PruneOptionsSchema, input, 'prune options');
  const today = Math.floor((options.now ?? Date.now()) / DAY_MS) * DAY_MS;
  const cutoff = new Date(today - options.olderThanDays * DAY_MS);
  const cutoffName = `call_records_${cutoff.toISOString().slice(0, 10).replaceAll('-', '')}`;
  const children = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'call_records' AND p.relnamespace = to_regnamespace(current_schema())
        AND c.relname ~ '^call_records_[0-9]{8}$' ORDER BY c.relname`,
  );
  // The names sort as the days do: every partition of a day before the cutoff.
  const partitions = children.rows.map((r) => r.name).filter((name) => name < cutoffName);
  if (options.dryRun) {
    const n = await pool.query<{ n: string }>('SELECT count(*) AS n FROM leg_cdrs WHERE received_at < $1', [cutoff.toISOString()]);
    return { partitions, legCdrsDeleted: Number(n.rows[0]?.n ?? 0) };
  }
  for (const name of partitions) {
    // The name matched ^call_records_[0-9]{8}$ above: safe to put in the statement. Not CONCURRENTLY:
    // PostgreSQL refuses that while a default partition exists; the plain DETACH locks the parent
    // only for the catalog change (no scan), a moment.
    await pool.query(`ALTER TABLE call_records DETACH PARTITION ${name}`);
    await pool.query(`DROP TABLE ${name}`);
  }
  let legCdrsDeleted = 0;
  for (;;) {
    const deleted = await pool.query(
      'DELETE FROM leg_cdrs WHERE leg_uuid IN (SELECT leg_uuid FROM leg_cdrs WHERE received_at < $1 LIMIT $2)',
      [cutoff.toISOString(), CDR_BATCH],
    );
    legCdrsDeleted += deleted.rowCount ?? 0;
    if ((deleted.rowCount ?? 0) < CDR_BATCH) break;
  }
  return { partitions, legCdrsDeleted };
}
