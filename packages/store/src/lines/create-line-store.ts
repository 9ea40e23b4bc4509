// The live set of lines: seeded from the config file, changed at run time, read by the worker
// through a cache that watches the version key (see create-line-cache.ts). Whether a change keeps
// the config valid is the caller's check (the domain's crossCheckLive); this only stores lines
// that pass the domain's LineSchema.
import { LineSchema, type Line } from '@callfwd/domain';
import type { Cluster, Redis } from 'ioredis';
import { createLiveSetStore, type LiveSetStore } from '../live-set/create-live-set-store.js';
import { lineKeys } from './line-keys.js';

export type LineStore = LiveSetStore<Line>;

export function createLineStore(redis: Redis | Cluster, prefix: string): LineStore {
  return createLiveSetStore(redis, lineKeys(prefix), LineSchema, 'line');
}
