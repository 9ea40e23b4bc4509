// The invariant checker: pure over a history; every violation names its invariant and its call.
import type { History } from '../history/history.js';
import { checkCharges } from './check-charges.js';
import { checkDeadAir } from './check-dead-air.js';
import { checkLedger } from './check-ledger.js';
import { checkPostgres } from './check-postgres.js';
import { checkRecordings } from './check-recordings.js';
import { checkRecords } from './check-records.js';
import { checkBridges, checkRings } from './check-rings.js';
import { indexHistory } from './history-index.js';
import { INVARIANTS, PG_INVARIANTS, type Invariant, type Violation } from './violation.js';

export interface CheckResult {
  readonly violations: readonly Violation[];
  readonly byInvariant: Readonly<Record<Invariant, number>>;
  /** Invariants not checked, with why (PostgreSQL not in the run). */
  readonly skipped: ReadonlyArray<{ invariant: Invariant; reason: string }>;
}

export function checkHistory(history: History): CheckResult {
  const index = indexHistory(history);
  const violations = [
    ...checkRecords(history),
    ...checkDeadAir(history, index),
    ...checkRings(history, index),
    ...checkBridges(history, index),
    ...checkCharges(history, index),
    ...checkLedger(history),
    ...checkRecordings(history, index),
    ...checkPostgres(history),
  ];
  const byInvariant = Object.fromEntries(INVARIANTS.map((i) => [i, violations.filter((v) => v.invariant === i).length])) as Record<Invariant, number>;
  const skipped =
    history.pg === null
      ? [
          ...PG_INVARIANTS.map((invariant) => ({ invariant, reason: 'no PostgreSQL in the run (DATABASE_URL unset)' })),
          { invariant: 'one-record' as const, reason: 'checked in Redis only: no PostgreSQL in the run' },
        ]
      : [];
  return { violations, byInvariant, skipped };
}
