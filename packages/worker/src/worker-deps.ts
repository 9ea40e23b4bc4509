import type { Config, Employee, Line } from '@callfwd/domain';
import type { NodeConnection } from '@callfwd/freeswitch';
import type {
  BridgedLegStore,
  CallRecordStore,
  ForwardDocStore,
  Ledger,
  Queues,
  RecordingStore,
  RecordsOutbox,
} from '@callfwd/store';
import type { Logger, Metrics } from '@callfwd/telemetry';
import type { ForwardCache } from './forward/forward-cache.js';

/** The commands the worker sends to a node (a `NodeConnection` satisfies it). */
export type ForwardNode = Pick<
  NodeConnection,
  | 'nodeId'
  | 'isUp'
  | 'sendOriginate'
  | 'preAnswer'
  | 'bridge'
  | 'kill'
  | 'schedKill'
  | 'schedBroadcast'
  | 'schedDel'
  | 'transfer'
  | 'setVar'
  | 'readVar'
  | 'record'
  | 'exists'
>;

/** Everything the forward processor uses; built once by `createWorker`. */
export interface WorkerDeps {
  readonly config: Config;
  readonly nodes: ReadonlyMap<string, ForwardNode>;
  readonly ledger: Ledger;
  readonly docs: ForwardDocStore;
  /**
   * What this process stored last per forward: its next job starts there instead of reading the
   * document (the save's compare-and-set still checks). Absent: every job reads.
   */
  readonly forwards?: ForwardCache;
  /** Bridged legs per node, listed until settled (the listener settles hangups it missed). */
  readonly bridgedLegs: BridgedLegStore;
  readonly records: CallRecordStore;
  readonly recordings: RecordingStore;
  /**
   * Set when PostgreSQL is the system of record (`config.postgres`, from the config file or
   * `DATABASE_URL`): each record, charge and recording is appended here after its Redis write,
   * for the records drain. Absent: nothing is appended (no drain would empty it).
   */
  readonly recordsOutbox?: RecordsOutbox;
  /** Where events go as jobs (a forward's timers are in `docs`, queued here once due). */
  readonly queues: Queues;
  /** Run-time forward-via overrides, read through a short cache: a change takes effect within a second. */
  readonly forwardViaOverrides: () => Promise<Readonly<Record<string, string>>>;
  /**
   * The live employees (seeded from the config file, changed at run time through the API or the
   * CLI), from a cache that sees a change within a second; absent: the config file's.
   */
  readonly employees?: () => Promise<readonly Employee[]>;
  /**
   * The live lines (seeded from the config file, changed at run time through the API or the CLI),
   * from a cache that sees a change within a second and hands the same array until it changes;
   * absent: the config file's.
   */
  readonly lines?: () => Promise<readonly Line[]>;
  readonly log: Logger;
  readonly metrics: Metrics;
  /** ms since the epoch. */
  readonly now: () => number;
  readonly newUuid: () => string;
}
