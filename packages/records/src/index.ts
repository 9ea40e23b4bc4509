// @callfwd/records: PostgreSQL, the system of record. The only public API of the package.

export {
  createRecordsDb,
  RecordsDbOptionsSchema,
  type RecordsDb,
  type RecordsDbOptions,
} from './db/create-records-db.js';
export { migrate, ensurePartitions, PARTITION_DAYS_AHEAD, type MigrateResult } from './db/migrate.js';
export { readMigrations, type Migration } from './db/migrations-dir.js';
export { PruneOptionsSchema, type PruneOptions, type PruneResult } from './db/prune.js';
export type { BalanceOfRecord, TimeRange } from './db/query-journal.js';
export type { RecordingsFilter } from './db/query-recordings.js';
export type { HistoryFilter } from './db/query-history.js';

export { JOURNAL_KINDS, JournalEntrySchema, type JournalEntry } from './schemas/journal-entry.js';
export { RecordingRowSchema, type RecordingRow } from './schemas/recording-row.js';
export { SettingsChangeSchema, type SettingsChange } from './schemas/settings-change.js';
export {
  RecordsBatchSchema,
  type RecordsBatch,
  type RecordsBatchInput,
  type WriteBatchCounts,
} from './schemas/records-batch.js';
export {
  MAX_PAGE,
  PageSchema,
  StatementFilterSchema,
  type Page,
  type PageInput,
  type StatementFilter,
} from './schemas/statement-filter.js';
export { LegCdrSchema, type LegCdr } from './schemas/leg-cdr.js';

export {
  parseStatementCsv,
  statementToCsv,
  STATEMENT_CSV_COLUMNS,
  StatementCsvRowSchema,
  toStatementCsvRow,
  type StatementCsvRow,
} from './csv/statement-csv.js';
export { parseXmlCdr, type ParseXmlCdrResult } from './xml-cdr/parse-xml-cdr.js';
export {
  createXmlCdrHandler,
  type XmlCdrHandler,
  type XmlCdrHandlerOptions,
  type XmlCdrHeaders,
  type XmlCdrReply,
} from './xml-cdr/handle-xml-cdr-post.js';

export {
  startRecordsDrain,
  type DrainDb,
  type DrainLog,
  type DrainPass,
  type RecordsDrain,
  type RecordsDrainOptions,
} from './drain/start-records-drain.js';
export type { OutboxItem, OutboxKind, OutboxReadProblem, OutboxSource } from './drain/outbox-source.js';

export {
  planBalanceRepair,
  type BalancePlan,
  type BalanceRepair,
  type LiveBalance,
} from './reconcile/plan-balance-repair.js';
export {
  reconcileBalances as reconcile,
  type AccountReconcile,
  type AccountReconcileStatus,
  type LiveLedger,
  type ReconcileAccount,
  type ReconcileOptions,
} from './reconcile/reconcile-balances.js';
export {
  planLegAdjustment,
  type LegCheck,
  type LegPlan,
  type LegVerdict,
} from './reconcile/plan-leg-adjustments.js';
export {
  reconcileLegCdrs,
  type LegReconcileCounts,
  type ReconcileLegCdrsOptions,
} from './reconcile/reconcile-leg-cdrs.js';
