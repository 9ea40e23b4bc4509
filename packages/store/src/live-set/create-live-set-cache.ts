// A worker's view of a live set (employees, lines): no Redis round trip per forward. The version
// key is read at most once per refreshMs (one GET), the set reloaded only when the version moved.
import type { LiveSetStore } from './create-live-set-store.js';

export interface LiveSetCacheOptions {
  /** How stale the view may be: the version key is checked at most this often (default 500). */
  refreshMs?: number;
  /** The clock (ms); tests pass their own. */
  now?: () => number;
}

export interface LiveSetCache<T> {
  /** The live set, at most refreshMs old (the first call loads it); the same array until it changes. */
  items(): Promise<readonly T[]>;
  /** The item with this id, from the same view. */
  get(id: string): Promise<T | undefined>;
  /** The version the view was loaded at (0 before the first load or the first seed). */
  loadedVersion(): number;
}

const DEFAULT_REFRESH_MS = 500;

export function createLiveSetCache<T extends { id: string }>(store: Pick<LiveSetStore<T>, 'list' | 'version'>, what: string, options: LiveSetCacheOptions = {}): LiveSetCache<T> {
  const refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
  if (!Number.isSafeInteger(refreshMs) || refreshMs < 0)
    throw new RangeError(`refreshMs must be an integer >= 0, got ${refreshMs}`);
  const now = options.now ?? Date.now;
  let view: { version: number; items: readonly T[]; byId: ReadonlyMap<string, T> } | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  // Callers that arrive while a check runs share it: one GET, at most one reload.
  let pending: Promise<void> | undefined;

  async function check(): Promise<void> {
    const version = await store.version();
    if (view === undefined || version !== view.version) {
      const items = Object.freeze(await store.list());
      view = { version, items, byId: new Map(items.map((item) => [item.id, item])) };
    }
    checkedAt = now();
  }

  async function current(): Promise<NonNullable<typeof view>> {
    if (view === undefined || now() - checkedAt >= refreshMs) {
      pending ??= check().finally(() => {
        pending = undefined;
      });
      await pending;
    }
    if (view === undefined) throw new Error(`the ${what} cache did not load`);
    return view;
  }

  return {
    items: async () => (await current()).items,
    get: async (id) => (await current()).byId.get(id),
    loadedVersion: () => view?.version ?? 0,
  };
}
