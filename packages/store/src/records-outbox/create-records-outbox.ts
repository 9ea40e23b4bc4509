// The records outbox: Redis streams the worker appends to when it writes a call record, a charge,
// a top-up, a recording or a settings change; the records drain (@callfwd/records) reads them in
// batches, writes them to PostgreSQL and then deletes them. At least once: a write repeated after a
// crash between the PostgreSQL write and the delete changes nothing there (every row has its key).
import type { ChainableCommander, Cluster, Redis } from 'ioredis';
import { decodeOutboxFields, OUTBOX_KINDS, outboxFields } from './outbox-entry.js';
import type { OutboxEntry, OutboxItem, OutboxKind, OutboxReadProblem } from './outbox-entry.js';
import { outboxKeys } from './outbox-keys.js';
import type { OutboxKeys } from './outbox-keys.js';
import { retireDrained } from './retire-drained.js';

// Re-exported for the package's index (one line there).
export { OUTBOX_KINDS, outboxFields, outboxKeys };
export type { OutboxEntry, OutboxItem, OutboxKeys, OutboxKind, OutboxReadProblem };

export interface OutboxBatch {
  items: OutboxItem[];
  /** Entries that do not parse; the drain moves them to the dead streams (`deadLetter`). */
  problems: OutboxReadProblem[];
}

/** What the drain needs: the shape @callfwd/records' startRecordsDrain takes. */
export interface OutboxSource {
  read(count: number): Promise<OutboxBatch>;
  /**
   * Deletes the entries; with `keepInRedisSeconds`, the records and recordings among them (when
   * their kind and data are passed, as the drain does) also get that TTL in Redis.
   */
  ack(items: readonly (Pick<OutboxItem, 'stream' | 'id'> & Partial<Pick<OutboxItem, 'kind' | 'data'>>)[]): Promise<number>;
  deadLetter(problems: readonly OutboxReadProblem[]): Promise<void>;
  /** Entries waiting in all the streams (a gauge). */
  backlog(): Promise<number>;
}

export interface OutboxSourceOptions {
  /** Drained records and recordings stay readable in Redis this long, then expire. Absent: kept. */
  keepInRedisSeconds?: number;
}

export interface RecordsOutbox {
  readonly keys: OutboxKeys;
  /** Appends in a command of its own (the write it records was done before, and is repeat-safe). */
  append(stream: string, entry: OutboxEntry): Promise<string>;
  /** Adds the XADD to the caller's MULTI or pipeline, next to the write it records (same slot). */
  appendTo(tx: ChainableCommander, stream: string, entry: OutboxEntry): ChainableCommander;
  /** The streams of these accounts plus records and settings, read oldest first. */
  source(accounts: readonly string[], opts?: OutboxSourceOptions): OutboxSource;
}

function groupByStream<T extends { stream: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.stream) ?? [];
    group.push(item);
    groups.set(item.stream, group);
  }
  return groups;
}

export function createRecordsOutbox(redis: Redis | Cluster, prefix: string): RecordsOutbox {
  const keys = outboxKeys(prefix);

  return {
    keys,
    async append(stream, entry) {
      const id = await redis.xadd(stream, ...outboxFields(entry));
      if (id === null) throw new Error(`XADD to ${stream} returned no id`);
      return id;
    },
    appendTo(tx, stream, entry) {
      return tx.xadd(stream, ...outboxFields(entry));
    },
    source(accounts, opts = {}) {
      const keep = opts.keepInRedisSeconds;
      if (keep !== undefined && (!Number.isSafeInteger(keep) || keep < 1))
        throw new RangeError(`keepInRedisSeconds must be an integer >= 1, got ${keep}`);
      const streams = [keys.records, keys.settings, ...accounts.map((a) => keys.account(a))];
      return {
        async read(count) {
          if (!Number.isSafeInteger(count) || count < 1)
            throw new RangeError(`count must be an integer >= 1, got ${count}`);
          const batch: OutboxBatch = { items: [], problems: [] };
          const take = async (stream: string, start: string, room: number): Promise<string | null> => {
            const entries = await redis.xrange(stream, start, '+', 'COUNT', room);
            for (const [id, fields] of entries) {
              const decoded = decodeOutboxFields(fields);
              if (decoded.ok) batch.items.push({ stream, id, ...decoded.entry });
              else batch.problems.push({ stream, id, error: decoded.error });
            }
            // the last id read when the stream may hold more, else null
            return entries.length === room ? (entries.at(-1)?.[0] ?? null) : null;
          };
          // One XRANGE per stream (each its own slot), oldest first. First a fair share each, so a busy
          // records stream does not starve the accounts' charges; then the rest of the room in order.
          const share = Math.max(1, Math.floor(count / streams.length));
          const more: [string, string][] = [];
          for (const stream of streams) {
            const room = Math.min(share, count - batch.items.length - batch.problems.length);
            if (room <= 0) break;
            const last = await take(stream, '-', room);
            if (last !== null) more.push([stream, last]);
          }
          for (const [stream, last] of more) {
            const room = count - batch.items.length - batch.problems.length;
            if (room <= 0) break;
            await take(stream, `(${last}`, room);
          }
          return batch;
        },
        async ack(items) {
          let deleted = 0;
          // Before the delete: a crash in between drains the entry again, which only expires again.
          if (keep !== undefined) await retireDrained(redis, prefix, items, keep);
          for (const [stream, group] of groupByStream(items)) {
            deleted += await redis.xdel(stream, ...group.map((item) => item.id));
          }
          return deleted;
        },
        async deadLetter(problems) {
          for (const [stream, group] of groupByStream(problems)) {
            const tx = redis.multi();
            for (const problem of group) {
              const fields = await redis.xrange(stream, problem.id, problem.id);
              tx.xadd(
                keys.dead(stream),
                '*',
                'from',
                problem.id,
                'error',
                problem.error,
                ...(fields[0]?.[1] ?? []),
              );
            }
            tx.xdel(stream, ...group.map((p) => p.id));
            const results = await tx.exec();
            const failed = results?.find(([err]) => err !== null);
            if (results === null || failed !== undefined)
              throw new Error(`dead-lettering in ${stream} failed`, { cause: failed?.[0] });
          }
        },
        async backlog() {
          const lengths = await Promise.all(streams.map((stream) => redis.xlen(stream)));
          return lengths.reduce((sum, n) => sum + n, 0);
        },
      };
    },
  };
}
