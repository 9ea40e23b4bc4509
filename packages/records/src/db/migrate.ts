// Applies the numbered migrations not applied yet, each in its own transaction, under a session
// advisory lock: two processes starting at once apply each migration once (the second waits, then
// finds nothing left to do).
import type { Pool, PoolClient } from 'pg';
import { CallfwdError } from '@callfwd/domain';
import { readMigrations, type Migration } from './migrations-dir.js';

/** pg_advisory_lock key: "callfwd" in ASCII, so it does not collide with another app's lock by chance. */
const LOCK_KEY = 0x63616c6c6677;

/** UTC days of call_records partitions kept ahead of today (and one behind, for late records). */
export const PARTITION_DAYS_AHEAD = 7;

export interface MigrateResult {
  applied: number[];
  partitionsCreated: number;
}

export async function migrate(
  pool: Pool,
  migrations: Migration[] = readMigrations(),
): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const have = new Set(done.rows.map((r) => r.version));
      const applied: number[] = [];
      for (const m of migrations) {
        if (have.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            m.version,
            m.name,
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new CallfwdError('INTERNAL', `migration ${m.version}_${m.name} failed`, { cause: err });
        }
        applied.push(m.version);
      }
      const partitionsCreated = await ensurePartitions(client);
      return { applied, partitionsCreated };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/**
 * Creates the day partitions from yesterday to PARTITION_DAYS_AHEAD days ahead (UTC), under the
 * migration lock (re-entrant for migrate's own session), so two processes never race on a CREATE.
 */
export async function ensurePartitions(client: PoolClient): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const reply = await client.query<{ created: number }>(
      `SELECT callfwd_ensure_day_partitions((now() AT TIME ZONE 'UTC')::date - 1, $1) AS created`,
      [PARTITION_DAYS_AHEAD + 2],
    );
    await client.query('COMMIT');
    return reply.rows[0]?.created ?? 0;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}
