// Call records: one JSON document per forward, written once, indexed by time, account and outcome.
// The record's schema belongs to the domain; the store reads only the fields it indexes by.
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../keys/keyspace.js';
import type { RecordKeys } from '../keys/keyspace.js';
import { replyInteger } from '../lua/reply.js';
import { loadScripts, runScript } from '../lua/scripts.js';

export interface StoredCallRecord {
  callUuid: string;
  node: string;
  /** Sort key (ms since the epoch). */
  startedAt: number;
  account: string | null;
  outcome: string;
  [field: string]: unknown;
}

export interface CallRecordQuery {
  /** Inclusive bounds on startedAt (ms). */
  from?: number;
  to?: number;
  account?: string;
  outcome?: string;
  /** Default 100. */
  limit?: number;
}

export interface CallRecordStore {
  /** Writes the record; the first write wins unless replace is set. Returns whether it was written. */
  put(record: StoredCallRecord, opts?: { replace?: boolean }): Promise<{ written: boolean }>;
  get(callUuid: string): Promise<StoredCallRecord | null>;
  /** Newest first. */
  list(query?: CallRecordQuery): Promise<StoredCallRecord[]>;
}

const DEFAULT_LIMIT = 100;
const MAX_REPLACE_ATTEMPTS = 10;

function indexesOf(keys: RecordKeys, record: Pick<StoredCallRecord, 'account' | 'outcome'>): string[] {
  const indexes = [keys.byTime, keys.byOutcome(record.outcome)];
  if (record.account !== null) {
    indexes.push(keys.byAccount(record.account), keys.byAccountOutcome(record.account, record.outcome));
  }
  return indexes;
}

function indexFor(keys: RecordKeys, query: CallRecordQuery): string {
  if (query.account !== undefined && query.outcome !== undefined)
    return keys.byAccountOutcome(query.account, query.outcome);
  if (query.account !== undefined) return keys.byAccount(query.account);
  if (query.outcome !== undefined) return keys.byOutcome(query.outcome);
  return keys.byTime;
}

function assertRecord(record: StoredCallRecord): void {
  if (!Number.isSafeInteger(record.startedAt))
    throw new RangeError(`startedAt must be integer ms, got ${record.startedAt}`);
  if (record.outcome === '') throw new RangeError('a call record needs an outcome');
}

export function createCallRecordStore(redis: Redis | Cluster, prefix: string): CallRecordStore {
  const keys = createKeyspace(prefix).records;
  loadScripts(redis, ['indexed-put']);

  async function putOnce(
    record: StoredCallRecord,
    json: string,
    expected: StoredCallRecord | null,
    expectedJson: string,
    mode: 'nx' | 'replace',
  ): Promise<number> {
    const added = indexesOf(keys, record);
    const removed = expected === null ? [] : indexesOf(keys, expected);
    const reply = await runScript(
      redis,
      'indexed-put',
      [keys.record(record.callUuid), ...added, ...removed],
      [json, record.callUuid, record.startedAt, mode, expectedJson, added.length],
    );
    return replyInteger(reply, 'indexed-put');
  }

  return {
    async put(record, opts = {}) {
      assertRecord(record);
      const json = JSON.stringify(record);
      if (opts.replace !== true) {
        return { written: (await putOnce(record, json, null, '', 'nx')) === 1 };
      }
      // Replace: read the old record to know which indexes to leave; the script checks it is unchanged.
      for (let attempt = 0; attempt < MAX_REPLACE_ATTEMPTS; attempt += 1) {
        const currentJson = await redis.get(keys.record(record.callUuid));
        const current = currentJson === null ? null : (JSON.parse(currentJson) as StoredCallRecord);
        if ((await putOnce(record, json, current, currentJson ?? '', 'replace')) === 1)
          return { written: true };
      }
      throw new Error(`call record ${record.callUuid} kept changing while it was replaced`);
    },

    async get(callUuid) {
      const json = await redis.get(keys.record(callUuid));
      return json === null ? null : (JSON.parse(json) as StoredCallRecord);
    },

    async list(query = {}) {
      const limit = query.limit ?? DEFAULT_LIMIT;
      if (!Number.isSafeInteger(limit) || limit <= 0)
        throw new RangeError(`limit must be an integer > 0, got ${limit}`);
      const max = query.to ?? '+inf';
      const min = query.from ?? '-inf';
      const ids = await redis.zrevrangebyscore(indexFor(keys, query), max, min, 'LIMIT', 0, limit);
      if (ids.length === 0) return [];
      const docs = await redis.mget(...ids.map((id) => keys.record(id)));
      return docs
        .filter((doc): doc is string => doc !== null)
        .map((doc) => JSON.parse(doc) as StoredCallRecord);
    },
  };
}
