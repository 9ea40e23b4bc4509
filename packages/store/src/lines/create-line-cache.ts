// A worker's view of the live lines: no Redis round trip per forward (create-live-set-cache.ts).
import type { Line } from '@callfwd/domain';
import { createLiveSetCache, type LiveSetCache, type LiveSetCacheOptions } from '../live-set/create-live-set-cache.js';
import type { LineStore } from './create-line-store.js';

export type LineCacheOptions = LiveSetCacheOptions;

export interface LineCache extends Omit<LiveSetCache<Line>, 'items'> {
  /** The live set, at most refreshMs old (the first call loads it); the same array until it changes. */
  lines(): Promise<readonly Line[]>;
}

export function createLineCache(store: Pick<LineStore, 'list' | 'version'>, options: LineCacheOptions = {}): LineCache {
  const cache = createLiveSetCache(store, 'line', options);
  return { lines: () => cache.items(), get: (id) => cache.get(id), loadedVersion: () => cache.loadedVersion() };
}
