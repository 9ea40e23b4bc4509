// Settings changed at run time: forward-via overrides per PBX connection (who changed them, when).
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../keys/keyspace.js';
import { outboxFields } from '../records-outbox/outbox-entry.js';
import { outboxKeys } from '../records-outbox/outbox-keys.js';

export interface ForwardViaChange {
  connectionId: string;
  /** null: the override was cleared (the configured forward-via applies again). */
  lineId: string | null;
  by: string | null;
  at: number;
}

export interface SettingsStore {
  setForwardVia(connectionId: string, lineId: string, by?: string): Promise<void>;
  clearForwardVia(connectionId: string, by?: string): Promise<void>;
  /** connection id -> line id, in one round trip (one HGETALL): cheap to poll and cache. */
  getForwardViaOverrides(): Promise<Record<string, string>>;
  /** The last change per connection, for showing why a line is in effect. */
  getForwardViaChanges(): Promise<Record<string, ForwardViaChange>>;
}

export interface SettingsStoreOptions {
  /**
   * With PostgreSQL as the system of record: each change is also appended to the {settings} records
   * outbox in the same MULTI (settings history: who, when, old and new value). Default false.
   */
  history?: boolean;
}

export function createSettingsStore(redis: Redis | Cluster, prefix: string, opts: SettingsStoreOptions = {}): SettingsStore {
  const keys = createKeyspace(prefix).settings;
  const outbox = outboxKeys(prefix).settings;

  async function write(connectionId: string, lineId: string | null, by: string | undefined): Promise<void> {
    if (connectionId === '') throw new RangeError('a connection id is required');
    const change: ForwardViaChange = { connectionId, lineId, by: by ?? null, at: Date.now() };
    // The old value for the history: read just before (a change racing this one may be shown as
    // the old value of both; each change is still recorded once, with its own id).
    const old = opts.history === true ? await redis.hget(keys.forwardVia, connectionId) : null;
    // All keys carry the {settings} hash tag, so MULTI works on a cluster too.
    const tx = redis.multi();
    if (opts.history === true) {
      const entry = { id: `forward-via:${connectionId}:${change.at}:${randomUUID()}`, at: change.at, by: change.by, key: `forward-via:${connectionId}`, old, new: lineId };
      tx.xadd(outbox, ...outboxFields({ kind: 'history', data: entry }));
    }
    if (lineId === null) tx.hdel(keys.forwardVia, connectionId);
    else tx.hset(keys.forwardVia, connectionId, lineId);
    tx.hset(keys.forwardViaChanges, connectionId, JSON.stringify(change));
    const results = await tx.exec();
    const failed = results?.find(([err]) => err !== null);
    if (results === null || failed !== undefined) {
      throw new Error(`forward-via change for ${connectionId} failed`, { cause: failed?.[0] });
    }
  }

  return {
    async setForwardVia(connectionId, lineId, by) {
      if (lineId === '') throw new RangeError('a line id is required');
      await write(connectionId, lineId, by);
    },
    async clearForwardVia(connectionId, by) {
      await write(connectionId, null, by);
    },
    getForwardViaOverrides: () => redis.hgetall(keys.forwardVia),
    async getForwardViaChanges() {
      const raw = await redis.hgetall(keys.forwardViaChanges);
      const changes: Record<string, ForwardViaChange> = {};
      for (const [connectionId, json] of Object.entries(raw))
        changes[connectionId] = JSON.parse(json) as ForwardViaChange;
      return changes;
    },
  };
}
