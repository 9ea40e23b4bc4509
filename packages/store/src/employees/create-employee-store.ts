// The live set of employees: seeded from the config file, changed at run time, read by the worker
// through a cache that watches the version key (see create-employee-cache.ts).
import { EmployeeSchema, type Employee } from '@callfwd/domain';
import type { Cluster, Redis } from 'ioredis';
import { employeeKeys } from './employee-keys.js';

export interface EmployeeStore {
  /** Every live employee, sorted by id. */
  list(): Promise<Employee[]>;
  get(id: string): Promise<Employee | null>;
  /** Creates or replaces the employee and bumps the version; returns what it replaced. */
  set(employee: Employee): Promise<{ previous: Employee | null }>;
  /** Removes the employee and bumps the version; returns what was removed (null: there was none, nothing changed). */
  remove(id: string): Promise<{ previous: Employee | null }>;
  /** The change counter: 0 before any seed; it only grows. */
  version(): Promise<number>;
  /**
   * Writes the config's employees. Without `replace` only when the store was never seeded (the
   * first process to start seeds it; later ones and restarts leave run-time changes alone). With
   * `replace` (an explicit seed) the live set becomes exactly `employees`.
   */
  seed(employees: readonly Employee[], options?: { replace?: boolean }): Promise<{ seeded: boolean }>;
}

/** Reads one stored employee; a document that fails the schema is a bug or a foreign write: throw. */
function parseStored(id: string, json: string): Employee {
  const parsed = EmployeeSchema.safeParse(JSON.parse(json) as unknown);
  if (!parsed.success) throw new Error(`stored employee ${id} fails the schema: ${parsed.error.message}`);
  return parsed.data;
}

async function exec(tx: ReturnType<(Redis | Cluster)['multi']>, what: string): Promise<void> {
  const results = await tx.exec();
  const failed = results?.find(([err]) => err !== null);
  if (results === null || failed !== undefined) throw new Error(`${what} failed`, { cause: failed?.[0] });
}

export function createEmployeeStore(redis: Redis | Cluster, prefix: string): EmployeeStore {
  const keys = employeeKeys(prefix);

  async function get(id: string): Promise<Employee | null> {
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
    async set(employee) {
      const checked = EmployeeSchema.parse(employee);
      const previous = await get(checked.id);
      // Both keys carry the {employees} hash tag, so MULTI works on a cluster too.
      await exec(
        redis.multi().hset(keys.live, checked.id, JSON.stringify(checked)).incr(keys.version),
        `setting employee ${checked.id}`,
      );
      return { previous };
    },
    async remove(id) {
      const previous = await get(id);
      if (previous === null) return { previous: null };
      await exec(redis.multi().hdel(keys.live, id).incr(keys.version), `removing employee ${id}`);
      return { previous };
    },
    async version() {
      const raw = await redis.get(keys.version);
      return raw === null ? 0 : Number.parseInt(raw, 10);
    },
    async seed(employees, options = {}) {
      const checked = employees.map((employee) => EmployeeSchema.parse(employee));
      if (options.replace !== true) {
        // Claim the seed: the key is "0" until the seed is written, so a seeder that died half way is redone.
        const claimed = await redis.set(keys.version, '0', 'NX');
        if (claimed === null && (await redis.get(keys.version)) !== '0') return { seeded: false };
      }
      const tx = redis.multi().del(keys.live);
      for (const employee of checked) tx.hset(keys.live, employee.id, JSON.stringify(employee));
      await exec(tx.incr(keys.version), 'seeding employees');
      return { seeded: true };
    },
  };
}
