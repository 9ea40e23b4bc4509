// Who changed what, when: run-time changes of forward-via, employees and lines (old and new values), kept
// in Redis and paged newest first by sequence number.
import type { Cluster, Redis } from 'ioredis';
import { historyKeys } from './employee-keys.js';

export const CHANGE_KINDS = ['forward_via', 'employee', 'line'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ChangeInput {
  kind: ChangeKind;
  /** What changed: the connection id (forward_via), the employee id or the line id. */
  subject: string;
  /** Who: a token name, `cli:<user>`, `seed`. */
  by: string;
  /** The value before and after (null: there was none / it was removed). */
  old: unknown;
  new: unknown;
}

export interface ChangeEntry extends ChangeInput {
  /** The sequence number: unique, growing; the paging cursor. */
  seq: number;
  /** When (ms since the epoch). */
  at: number;
}

export interface ChangeHistoryQuery {
  kind?: ChangeKind;
  subject?: string;
  /** Only entries older than this sequence number (the next page's cursor). */
  before?: number;
  /** Default 50. */
  limit?: number;
}

export interface ChangeHistory {
  record(change: ChangeInput, at?: number): Promise<ChangeEntry>;
  /** Newest first. */
  list(query?: ChangeHistoryQuery): Promise<ChangeEntry[]>;
}

const DEFAULT_LIMIT = 50;
const SCAN_BATCH = 200;

export function createChangeHistory(redis: Redis | Cluster, prefix: string): ChangeHistory {
  const keys = historyKeys(prefix);

  return {
    async record(change, at = Date.now()) {
      const seq = await redis.incr(keys.seq);
      const entry: ChangeEntry = { seq, at, ...change };
      const results = await redis
        .multi()
        .hset(keys.entries, String(seq), JSON.stringify(entry))
        .zadd(keys.bySeq, seq, String(seq))
        .exec();
      const failed = results?.find(([err]) => err !== null);
      if (results === null || failed !== undefined)
        throw new Error(`recording change ${seq} failed`, { cause: failed?.[0] });
      return entry;
    },

    async list(query = {}) {
      const limit = query.limit ?? DEFAULT_LIMIT;
      if (!Number.isSafeInteger(limit) || limit <= 0)
        throw new RangeError(`limit must be an integer > 0, got ${limit}`);
      const found: ChangeEntry[] = [];
      let max: string = query.before === undefined ? '+inf' : `(${query.before}`;
      for (;;) {
        const seqs = await redis.zrevrangebyscore(keys.bySeq, max, '-inf', 'LIMIT', 0, SCAN_BATCH);
        if (seqs.length === 0) return found;
        const docs = await redis.hmget(keys.entries, ...seqs);
        for (const doc of docs) {
          if (doc === null) continue;
          const entry = JSON.parse(doc) as ChangeEntry;
          if (query.kind !== undefined && entry.kind !== query.kind) continue;
          if (query.subject !== undefined && entry.subject !== query.subject) continue;
          found.push(entry);
          if (found.length === limit) return found;
        }
        if (seqs.length < SCAN_BATCH) return found;
        max = `(${seqs[seqs.length - 1]}`;
      }
    },
  };
}
