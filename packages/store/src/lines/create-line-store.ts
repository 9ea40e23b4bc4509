// The live set of lines: seeded from the config file, changed at run time, read by the worker
// through a cache that watches the version key (see create-line-cache.ts). Whether a change keeps
// the config valid is the caller's check (the domain's crossCheckLive); this only stores lines
// that pass the domain's LineSchema.
import { LineSchema, type Line } from '@callfwd/domain';
import type { Cluster, Redis } from 'ioredis';
import { lineKeys } from './line-keys.js';

export interface LineStore {
  /** Every live line, sorted by id. */
  list(): Promise<Line[]>;
  get(id: string): Promise<Line | null>;
  /** Creates or replaces the line and bumps the version; returns what it replaced. */
  set(line: Line): Promise<{ previous: Line | null }>;
  /** Removes the line and bumps the version; returns what was removed (null: there was none, nothing changed). */
  remove(id: string): Promise<{ previous: Line | null }>;
  /** The change counter: 0 before any seed; it only grows. */
  version(): Promise<number>;
  /**
   * Writes the config's lines. Without `replace` only when the store was never seeded (the first
   * process to start seeds it; later ones and restarts leave run-time changes alone). With
   * `replace` (an explicit seed) the live set becomes exactly `lines`.
   */
  seed(lines: readonly Line[], options?: { replace?: boolean }): Promise<{ seeded: boolean }>;
}

/** Reads one stored line; a document that fails the schema is a bug or a foreign write: throw. */
function parseStored(id: string, json: string): Line {
  const parsed = LineSchema.safeParse(JSON.parse(json) as unknown);
  if (!parsed.success) throw new Error(`stored line ${id} fails the schema: ${parsed.error.message}`);
  return parsed.data;
}

async function exec(tx: ReturnType<(Redis | Cluster)['multi']>, what: string): Promise<void> {
  const results = await tx.exec();
  const failed = results?.find(([err]) => err !== null);
  if (results === null || failed !== undefined) throw new Error(`${what} failed`, { cause: failed?.[0] });
}

export function createLineStore(redis: Redis | Cluster, prefix: string): LineStore {
  const keys = lineKeys(prefix);

  async function get(id: string): Promise<Line | null> {
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
    async set(line) {
      const checked = LineSchema.parse(line);
      const previous = await get(checked.id);
      // Both keys carry the {lines} hash tag, so MULTI works on a cluster too.
      await exec(
        redis.multi().hset(keys.live, checked.id, JSON.stringify(checked)).incr(keys.version),
        `setting line ${checked.id}`,
      );
      return { previous };
    },
    async remove(id) {
      const previous = await get(id);
      if (previous === null) return { previous: null };
      await exec(redis.multi().hdel(keys.live, id).incr(keys.version), `removing line ${id}`);
      return { previous };
    },
    async version() {
      const raw = await redis.get(keys.version);
      return raw === null ? 0 : Number.parseInt(raw, 10);
    },
    async seed(lines, options = {}) {
      const checked = lines.map((line) => LineSchema.parse(line));
      if (options.replace !== true) {
        // Claim the seed: the key is "0" until the seed is written, so a seeder that died half way is redone.
        const claimed = await redis.set(keys.version, '0', 'NX');
        if (claimed === null && (await redis.get(keys.version)) !== '0') return { seeded: false };
      }
      const tx = redis.multi().del(keys.live);
      for (const line of checked) tx.hset(keys.live, line.id, JSON.stringify(line));
      await exec(tx.incr(keys.version), 'seeding lines');
      return { seeded: true };
    },
  };
}
