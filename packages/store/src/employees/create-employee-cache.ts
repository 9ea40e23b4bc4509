// A worker's view of the live employees: no Redis round trip per forward (create-live-set-cache.ts).
import type { Employee } from '@callfwd/domain';
import { createLiveSetCache, type LiveSetCache, type LiveSetCacheOptions } from '../live-set/create-live-set-cache.js';
import type { EmployeeStore } from './create-employee-store.js';

export type EmployeeCacheOptions = LiveSetCacheOptions;

export interface EmployeeCache extends Omit<LiveSetCache<Employee>, 'items'> {
  /** The live set, at most refreshMs old (the first call loads it). */
  employees(): Promise<readonly Employee[]>;
}

export function createEmployeeCache(store: Pick<EmployeeStore, 'list' | 'version'>, options: EmployeeCacheOptions = {}): EmployeeCache {
  const cache = createLiveSetCache(store, 'employee', options);
  return { employees: () => cache.items(), get: (id) => cache.get(id), loadedVersion: () => cache.loadedVersion() };
}
