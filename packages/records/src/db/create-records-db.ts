// PostgreSQL, the system of record: a pool and the operations on it. Building it connects nothing;
// the pool connects on the first query.
import type { CallRecord } from '@callfwd/domain';
import pg from 'pg';
import { z } from 'zod';
import type { JournalEntry } from '../schemas/journal-entry.js';
import type { LegCdr } from '../schemas/leg-cdr.js';
import {
  RecordsBatchSchema,
  type RecordsBatchInput,
  type WriteBatchCounts,
} from '../schemas/records-batch.js';
import type { RecordingRow } from '../schemas/recording-row.js';
import type { SettingsChange } from '../schemas/settings-change.js';
import type { Page, PageInput, StatementFilter } from '../schemas/statement-filter.js';
import { insertLegCdr, selectLegCdr } from './leg-cdr-rows.js';
import { ensurePartitions, migrate, type MigrateResult } from './migrate.js';
import { parseEdge } from './parse-edge.js';
import { prune, type PruneOptions, type PruneResult } from './prune.js';
import { queryHistory, type HistoryFilter } from './query-history.js';
import { queryBalanceOfRecord, queryJournal, type BalanceOfRecord, type TimeRange } from './query-journal.js';
import { queryRecordings, type RecordingsFilter } from './query-recordings.js';
import { queryStatement } from './query-statement.js';
import { writeBatchWith } from './write-batch.js';

export const RecordsDbOptionsSchema = z.object({
  url: z.string().regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' }),
  max: z.int().min(1).max(100).default(4),
  /** ms to wait for a connection before a query fails (PostgreSQL down: fail fast, the outbox keeps the data) */
  connectTimeoutMs: z.int().min(100).default(3000),
});

export type RecordsDbOptions = z.input<typeof RecordsDbOptionsSchema>;

export interface RecordsDb {
  migrate(): Promise<MigrateResult>;
  /** Creates the coming days' call_records partitions (the drain calls it once a day). */
  ensurePartitions(): Promise<number>;
  writeBatch(batch: RecordsBatchInput): Promise<WriteBatchCounts>;
  statement(filter: StatementFilter, page?: PageInput): Promise<Page<CallRecord>>;
  recordings(filter: RecordingsFilter, page?: PageInput): Promise<Page<RecordingRow>>;
  balanceOfRecord(account: string, openingBalance: number): Promise<BalanceOfRecord>;
  journalFor(account: string, range?: TimeRange): Promise<JournalEntry[]>;
  history(filter: HistoryFilter, page?: PageInput): Promise<Page<SettingsChange>>;
  recordLegCdr(cdr: LegCdr): Promise<{ inserted: boolean }>;
  legCdr(leg: string): Promise<LegCdr | null>;
  /** Retention: drops the statement's day partitions and deletes the leg CDRs older than the days kept. */
  prune(options: PruneOptions): Promise<PruneResult>;
  /** The pool, for reconcile's queries and tests. */
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export function createRecordsDb(input: RecordsDbOptions): RecordsDb {
  const options = parseEdge(RecordsDbOptionsSchema, input, 'records database options');
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: 'callfwd',
  });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);

  async function withClient<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await run(client);
    } finally {
      client.release();
    }
  }

  return {
    pool,
    migrate: () => migrate(pool),
    ensurePartitions: () => withClient(ensurePartitions),
    writeBatch: (batch) =>
      withClient((client) => writeBatchWith(client, parseEdge(RecordsBatchSchema, batch, 'records batch'))),
    statement: (filter, page) => queryStatement(pool, filter, page),
    recordings: (filter, page) => queryRecordings(pool, filter, page),
    balanceOfRecord: (account, opening) => queryBalanceOfRecord(pool, account, opening),
    journalFor: (account, range) => queryJournal(pool, account, range),
    history: (filter, page) => queryHistory(pool, filter, page),
    recordLegCdr: (cdr) => insertLegCdr(pool, cdr),
    legCdr: (leg) => selectLegCdr(pool, leg),
    prune: (options) => prune(pool, options),
    close: () => pool.end(),
  };
}
