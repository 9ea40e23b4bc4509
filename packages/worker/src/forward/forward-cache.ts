import type { StoredForward } from './apply-event.js';

/**
 * The forwards this worker process stored last, by node and call: the next job of the same forward
 * steps the version it stored instead of reading the document. Nothing is trusted that the store
 * does not check: the save is a compare-and-set on the version, so a writer since (another worker,
 * a job of this one) makes it a conflict, and the conflict reads. A step that changes nothing (no
 * save, so no check) reads before it believes the cached state. What the version does not cover is
 * the outbox's clears (no version change), so the cached outbox is the stored one less what this
 * process cleared; another process's clear can only leave it an effect too many, which runs again
 * (every effect is safe to run twice). Bounded: the least recently used go first.
 */
export interface ForwardCache {
  get(node: string, callUuid: string): StoredForward | undefined;
  /** Keeps `stored` for the forward, unless a newer version of it is kept already. */
  put(node: string, callUuid: string, stored: StoredForward): void;
  drop(node: string, callUuid: string): void;
  size(): number;
}

/** `maxEntries` 0: nothing is kept (every job reads its document). */
export function createForwardCache(maxEntries: number): ForwardCache {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 0) throw new RangeError(`maxEntries must be a whole number >= 0, got ${maxEntries}`);
  const entries = new Map<string, StoredForward>();
  const key = (node: string, callUuid: string) => `${node}/${callUuid}`;
  return {
    get(node, callUuid) {
      const k = key(node, callUuid);
      const found = entries.get(k);
      if (found === undefined) return undefined;
      // Most recently used last: Map keeps insertion order.
      entries.delete(k);
      entries.set(k, found);
      return found;
    },
    put(node, callUuid, stored) {
      if (maxEntries === 0) return;
      const k = key(node, callUuid);
      const kept = entries.get(k);
      if (kept !== undefined && kept.version > stored.version) return;
      entries.delete(k);
      entries.set(k, stored);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
    },
    drop(node, callUuid) {
      entries.delete(key(node, callUuid));
    },
    size: () => entries.size,
  };
}
