// The demo's PostgreSQL (scripts/demo starts a private one and sets DATABASE_URL): migrated before
// the children start, and read back at the end, so the demo shows the detailed statement as the
// system of record holds it (what `callfwd statement` prints with PostgreSQL configured).
import type { CallRecord } from '@callfwd/domain';
import { createRecordsDb, MAX_PAGE, type RecordsDb } from '@callfwd/records';

export interface DemoPostgres {
  /** Runs the migrations (idempotent; the children's own run at their start then applies nothing). */
  migrate(): Promise<{ applied: readonly number[] }>;
  /**
   * The statement rows of these calls, newest first, read from PostgreSQL once the worker's records
   * drain wrote every one of them; rejects after `timeoutMs`.
   */
  waitForStatement(records: readonly CallRecord[], timeoutMs: number): Promise<CallRecord[]>;
  close(): Promise<void>;
}

const POLL_MS = 100;

export function openDemoPostgres(url: string): DemoPostgres {
  const db: RecordsDb = createRecordsDb({ url, max: 2 });

  /** The rows of the calls started within the records' time range (a shared database may hold others). */
  async function rowsOf(records: readonly CallRecord[]): Promise<CallRecord[]> {
    const wanted = new Set(records.map((r) => r.callUuid));
    const started = records.map((r) => r.startedAt);
    const filter = { from: Math.min(...started), to: Math.max(...started) + 1 };
    const rows: CallRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await db.statement(filter, { limit: MAX_PAGE, cursor });
      rows.push(...page.rows.filter((r) => wanted.has(r.callUuid)));
      cursor = page.next;
    } while (cursor !== null && rows.length < wanted.size);
    return rows;
  }

  return {
    async migrate() {
      const result = await db.migrate();
      return { applied: result.applied };
    },
    async waitForStatement(records, timeoutMs) {
      if (records.length === 0) return [];
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rows = await rowsOf(records);
        if (rows.length === records.length) return rows;
        if (Date.now() > deadline) {
          throw new Error(`timed out after ${timeoutMs} ms waiting for the records in PostgreSQL (${rows.length} of ${records.length} there)`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    close: () => db.close(),
  };
}
