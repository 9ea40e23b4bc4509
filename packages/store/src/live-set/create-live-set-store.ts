// A live set of config items kept in Redis (employees, lines): seeded from the config file, changed
// at run time, read by the worker through a cache that watches the version key
// (create-live-set-cache.ts). One hash (id -> JSON) and a version counter, both under one hash tag.
import type { Cluster, Redis } from 'ioredis';
import type { z } from 'zod';

export interface LiveSetKeys {
  /** hash: item id -> item JSON (the live set). */
  readonly live: string;
  /** string: a counter bumped on every change of the live set ("0" while seeding). */
  readonly version: string;
}

export interface LiveSetStore<T extends { id: string }> {
  /** Every live item, sorted by id. */
  list(): Promise<T[]>;
  get(id: string): Promise<T | null>;
  /** Creates or replaces the item and bumps the version; returns what it replaced. */
  set(item: T): Promise<{ previous: T | null }>;
  /** Removes the item and bumps the version; returns what was removed (null: there was none, nothing changed). */
  remove(id: string): Promise<{ previous: T | null }>;
  /** The change counter: 0 before any seed; it only grows. */
  version(): Promise<number>;
  /**
   * Writes the config's items. Without `replace` only when the store was never seeded (the first
   * process to start seeds it; later ones and restarts leave run-time changes alone). With
   * `replace` (an explicit seed) the live set becomes exactly `items`.
   */
  seed(items: readonly T[], options?: { replace?: boolean }): Promise<{ seeded: boolean }>;
}

async function exec(tx: ReturnType<(Redis | Cluster)['multi']>, what: string): Promise<void> {
  const results = await tx.exec();
  const failed = results?.find(([err]) => err !== null);
  if (results === null || failed !== undefined) throw new Error(`${what} failed`, { cause: failed?.[0] });
}

/** `what` names one item in errors (`employee`, `line`). */
export function createLiveSetStore<T extends { id: string }>(
  redis: Redis | Cluster,
  keys: LiveSetKeys,
  schema: z.ZodType<T>,
  what: string,
): LiveSetStore<T> {
  /** A stored item that fails the schema is a bug or a foreign write: throw. */
  function parseStored(id: string, json: string): T {
    const parsed = schema.safeParse(JSON.parse(json) as unknown);
    if (!parsed.success) throw new Error(`stored ${what} ${id} fails the schema: ${parsed.error.message}`);
    return parsed.data;
  }

  async function get(id: string): Promise<T | null> {
    const json = await redis.hget(keys.live, id);
    return json === null ? null : parseStored(id, json);
  }

  return {
    async list() {
      const all = await redis.hgetall(keys.live);
      return Object.entries(all)
        .map(([id, json]) => parseStored(id, json))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    get,
    async set(item) {
      const checked = schema.parse(item);
      const previous = await get(checked.id);
      // Both keys carry the set's hash tag, so MULTI works on a cluster too.
      await exec(redis.multi().hset(keys.live, checked.id, JSON.stringify(checked)).incr(keys.version), `setting ${what} ${checked.id}`);
      return { previous };
    },
    async remove(id) {
      const previous = await get(id);
      if (previous === null) return { previous: null };
      await exec(redis.multi().hdel(keys.live, id).incr(keys.version), `removing ${what} ${id}`);
      return { previous };
    },
    async version() {
      const raw = await redis.get(keys.version);
      return raw === null ? 0 : Number.parseInt(raw, 10);
    },
    async seed(items, options = {}) {
      const checked = items.map((item) => schema.parse(item));
      if (options.replace !== true) {
        // Claim the seed: the key is "0" until the seed is written, so a seeder that died half way is redone.
        const claimed = await redis.set(keys.version, '0', 'NX');
        if (claimed === null && (await redis.get(keys.version)) !== '0') return { seeded: false };
      }
      const tx = redis.multi().del(keys.live);
      for (const item of checked) tx.hset(keys.live, item.id, JSON.stringify(item));
      await exec(tx.incr(keys.version), `seeding ${what}s`);
      return { seeded: true };
    },
  };
}
