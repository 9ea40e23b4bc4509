import type { Config } from '@callfwd/domain';
import type { NodeConnection } from '@callfwd/freeswitch';
import type {
  CallRecordStore,
  JobStateStore,
  Ledger,
  RecordingStore,
  SettingsStore,
} from '@callfwd/store';
import type { Logger, Metrics } from '@callfwd/telemetry';
import type { CallerWatch } from './node/caller-watch.js';

/** The commands a forward needs from the node that holds the call (a `NodeConnection` satisfies it). */
export type ForwardNode = Pick<
  NodeConnection,
  | 'nodeId'
  | 'isUp'
  | 'originate'
  | 'preAnswer'
  | 'bridge'
  | 'kill'
  | 'schedHangup'
  | 'transfer'
  | 'setVar'
  | 'getVar'
  | 'exists'
  | 'record'
  | 'showChannels'
>;

/** Everything the bridge and settle processors use; built once by `createWorker`. */
export interface WorkerDeps {
  readonly config: Config;
  readonly nodes: ReadonlyMap<string, ForwardNode>;
  readonly ledger: Ledger;
  readonly jobState: JobStateStore;
  readonly records: CallRecordStore;
  readonly recordings: RecordingStore;
  readonly settings: SettingsStore;
  /** Run-time forward-via overrides, read through a short cache: a change takes effect within a second. */
  readonly forwardViaOverrides: () => Promise<Readonly<Record<string, string>>>;
  readonly callerWatch: CallerWatch;
  readonly log: Logger;
  readonly metrics: Metrics;
  /** ms since the epoch. */
  readonly now: () => number;
  readonly newUuid: () => string;
  /** This worker process's id, part of every lease owner token. */
  readonly workerId: string;
  /** How long a claimed forward stays ours without renewal; matches the queue lock. */
  readonly leaseMs: number;
}
