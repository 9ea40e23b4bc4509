// The metrics of PostgreSQL as the system of record (@callfwd/records in `callfwd run`), registered
// in the process's registry next to the others.
import { Counter, Gauge, type Registry } from 'prom-client';

export const RECORDS_METRIC_NAMES = {
  backlog: 'callfwd_records_backlog',
  drainFailures: 'callfwd_records_drain_failures',
  reconcileDifferences: 'callfwd_records_reconcile_differences',
  cdrCorrections: 'callfwd_records_cdr_corrections_total',
  cdrsReceived: 'callfwd_records_cdrs_received_total',
} as const;

export interface RecordsMetrics {
  /** Entries in the records outbox not yet in PostgreSQL (sampled). */
  readonly backlog: Gauge;
  /** Drain passes that failed in a row (0 when the last one worked). */
  readonly drainFailures: Gauge;
  /** Accounts whose live balance differs from the balance of record at the last reconcile. */
  readonly reconcileDifferences: Gauge;
  /** Journal entries written from leg CDRs: `adjusted` (event charge differed), `charged` (no charge). */
  readonly cdrCorrections: Counter<'verdict'>;
  /** mod_xml_cdr posts stored: `new` 'true' or 'false' (a retry of a stored one). */
  readonly cdrsReceived: Counter<'new'>;
}

export function createRecordsMetrics(registry: Registry): RecordsMetrics {
  const registers = [registry];
  return {
    backlog: new Gauge({ name: RECORDS_METRIC_NAMES.backlog, help: 'Records outbox entries in Redis not yet written to PostgreSQL', registers }),
    drainFailures: new Gauge({ name: RECORDS_METRIC_NAMES.drainFailures, help: 'Records drain passes that failed in a row (PostgreSQL down: 1 and more)', registers }),
    reconcileDifferences: new Gauge({
      name: RECORDS_METRIC_NAMES.reconcileDifferences,
      help: 'Accounts whose live balance differed from the balance of record at the last reconcile',
      registers,
    }),
    cdrCorrections: new Counter({
      name: RECORDS_METRIC_NAMES.cdrCorrections,
      help: "Journal entries written from FreeSWITCH's leg CDRs (adjusted: the event charge differed; charged: the leg had none)",
      labelNames: ['verdict'],
      registers,
    }),
    cdrsReceived: new Counter({ name: RECORDS_METRIC_NAMES.cdrsReceived, help: 'mod_xml_cdr posts stored (new: false for a retry)', labelNames: ['new'], registers }),
  };
}
