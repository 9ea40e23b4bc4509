// Once a call record or a recording is in PostgreSQL its Redis copy is only a recent view (the
// listener's resync and the end-to-end tests read it for a while): the document gets a TTL and the
// indexes lose what is older than the same window, so Redis memory stays bounded at any rate.
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../keys/keyspace.js';
import type { OutboxKind } from './outbox-entry.js';

export interface DrainedItem {
  kind?: OutboxKind;
  data?: unknown;
}

interface Indexed {
  callUuid: string;
  startedAt: number | null;
  account: string | null;
  outcome: string | null;
}

function indexedOf(item: DrainedItem): Indexed | null {
  const d = item.data;
  if (typeof d !== 'object' || d === null) return null;
  const o = d as Record<string, unknown>;
  if (typeof o.callUuid !== 'string' || o.callUuid === '') return null;
  return {
    callUuid: o.callUuid,
    startedAt: typeof o.startedAt === 'number' && Number.isSafeInteger(o.startedAt) ? o.startedAt : null,
    account: typeof o.account === 'string' && o.account !== '' ? o.account : null,
    outcome: typeof o.outcome === 'string' && o.outcome !== '' ? o.outcome : null,
  };
}

/**
 * EXPIREs the drained documents and trims their indexes to `keepSeconds` before the newest drained
 * record's startedAt (the records' own clock, not this host's: a node's clock ahead or behind
 * cannot make the trim keep everything or nothing).
 */
export async function retireDrained(
  redis: Redis | Cluster,
  prefix: string,
  items: readonly DrainedItem[],
  keepSeconds: number,
): Promise<void> {
  const keys = createKeyspace(prefix).records;
  const docs: string[] = [];
  const indexes = new Set<string>();
  let newest = 0;
  for (const item of items) {
    const it = indexedOf(item);
    if (it === null) continue;
    if ((item.kind === 'record' || item.kind === 'recording') && it.startedAt !== null) newest = Math.max(newest, it.startedAt);
    if (item.kind === 'record') {
      docs.push(keys.record(it.callUuid));
      indexes.add(keys.byTime);
      if (it.outcome !== null) indexes.add(keys.byOutcome(it.outcome));
      if (it.account !== null) {
        indexes.add(keys.byAccount(it.account));
        if (it.outcome !== null) indexes.add(keys.byAccountOutcome(it.account, it.outcome));
      }
    } else if (item.kind === 'recording') {
      docs.push(keys.recording(it.callUuid));
      indexes.add(keys.recordings);
      if (it.account !== null) indexes.add(keys.recordingsByAccount(it.account));
    }
  }
  if (docs.length === 0) return;
  // All these keys are in the {records} slot: one pipeline.
  const pipe = redis.pipeline();
  for (const doc of docs) pipe.expire(doc, keepSeconds);
  const before = newest - keepSeconds * 1000;
  if (newest > 0) for (const index of indexes) pipe.zremrangebyscore(index, '-inf', `(${before}`);
  const results = await pipe.exec();
  const failed = results?.find(([err]) => err !== null);
  if (failed !== undefined) throw new Error('retiring drained records failed', { cause: failed[0] });
}
