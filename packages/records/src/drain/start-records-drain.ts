// The records drain: outbox (Redis) -> PostgreSQL in batches. Read a batch, write it in one
// transaction (ON CONFLICT DO NOTHING), then delete it from the outbox. A crash between the write and
// the delete rewrites the batch next time, which changes nothing. While PostgreSQL is down the write
// fails, nothing is deleted, and the backlog grows until it is back.
import type { RecordsBatch, WriteBatchCounts } from '../schemas/records-batch.js';
import { batchFromItems } from './batch-from-items.js';
import type { OutboxSource } from './outbox-source.js';

export interface DrainLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DrainDb {
  writeBatch(batch: RecordsBatch): Promise<WriteBatchCounts>;
  ensurePartitions?(): Promise<number>;
}

export interface RecordsDrainOptions {
  outbox: OutboxSource;
  db: DrainDb;
  /** Entries per PostgreSQL transaction. Default 500. */
  batchSize?: number;
  /** Pause when the outbox is empty or PostgreSQL failed, ms. Default 1000. */
  intervalMs?: number;
  log: DrainLog;
}

export interface DrainPass {
  read: number;
  inserted: WriteBatchCounts;
  rejected: number;
}

export interface RecordsDrain {
  /** One read-write-ack pass (the loop runs these); throws when PostgreSQL or Redis fails. */
  drainOnce(): Promise<DrainPass>;
  /** Entries waiting in the outbox (a gauge). */
  backlog(): Promise<number>;
  /** Passes that failed in a row (0 when the last one worked). */
  readonly failures: number;
  stop(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PARTITION_RETRY_MS = 10 * 60 * 1000;

export function startRecordsDrain(options: RecordsDrainOptions): RecordsDrain {
  const { outbox, db, log } = options;
  const batchSize = options.batchSize ?? 500;
  const intervalMs = options.intervalMs ?? 1000;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 1)
    throw new RangeError(`intervalMs must be an integer >= 1, got ${intervalMs}`);

  let stopped = false;
  let failures = 0;
  let lastPartitions = 0;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  async function drainOnce(): Promise<DrainPass> {
    const { items, problems } = await outbox.read(batchSize);
    const sorted = batchFromItems(items);
    const rejected = [...problems, ...sorted.problems];
    if (rejected.length > 0) {
      log.error({ count: rejected.length, first: rejected[0] }, 'records outbox entries rejected');
      await outbox.deadLetter(rejected);
    }
    const good = items.filter((item) => !rejected.some((p) => p.stream === item.stream && p.id === item.id));
    const inserted =
      good.length === 0
        ? { records: 0, journal: 0, recordings: 0, history: 0 }
        : await db.writeBatch(sorted.batch);
    if (good.length > 0) await outbox.ack(good);
    return { read: items.length + problems.length, inserted, rejected: rejected.length };
  }

  /** Once a day; a failure is logged and retried later, never a reason to stop writing (rows land in the default partition). */
  async function maybeEnsurePartitions(): Promise<void> {
    if (db.ensurePartitions === undefined || Date.now() - lastPartitions < DAY_MS) return;
    try {
      await db.ensurePartitions();
      lastPartitions = Date.now();
    } catch (err) {
      lastPartitions = Date.now() - DAY_MS + PARTITION_RETRY_MS;
      log.error({ err }, "records drain could not create the coming days' partitions");
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  async function loop(): Promise<void> {
    while (!stopped) {
      let full = false;
      try {
        await maybeEnsurePartitions();
        const pass = await drainOnce();
        if (failures > 0) log.info({ failures }, 'records drain recovered');
        failures = 0;
        full = pass.read >= batchSize;
      } catch (err) {
        failures += 1;
        if (failures === 1 || failures % 60 === 0)
          log.warn({ err, failures }, 'records drain failed; the entries stay in the outbox');
      }
      if (!full && !stopped) await sleep(intervalMs);
    }
  }

  const running = loop();

  return {
    drainOnce,
    backlog: () => outbox.backlog(),
    get failures() {
      return failures;
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}
