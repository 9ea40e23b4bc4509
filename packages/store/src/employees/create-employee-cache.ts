// A worker's view of the live employees: no Redis round trip per forward. The version key is read
// at most once per refreshMs (one GET), the set reloaded only when the version moved.
import type { Employee } from '@callfwd/domain';
import type { EmployeeStore } from './create-employee-store.js';

export interface EmployeeCacheOptions {
  /** How stale the view may be: the version key is checked at most this often (default 500). */
  refreshMs?: number;
  /** The clock (ms); tests pass their own. */
  now?: () => number;
}

export interface EmployeeCache {
  /** The live set, at most refreshMs old (the first call loads it). */
  employees(): Promise<readonly Employee[]>;
  /** The employee with this id, from the same view. */
  get(id: string): Promise<Employee | undefined>;
  /** The version the view was loaded at (0 before the first load). */
  loadedVersion(): number;
}

const DEFAULT_REFRESH_MS = 500;

export function createEmployeeCache(store: EmployeeStore, options: EmployeeCacheOptions = {}): EmployeeCache {
  const refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
  if (!Number.isSafeInteger(refreshMs) || refreshMs < 0)
    throw new RangeError(`refreshMs must be an integer >= 0, got ${refreshMs}`);
  const now = options.now ?? Date.now;
  let view:
    { version: number; employees: readonly Employee[]; byId: ReadonlyMap<string, Employee> } | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  // Callers that arrive while a check runs share it: one GET, at most one reload.
  let pending: Promise<void> | undefined;

  async function check(): Promise<void> {
    const version = await store.version();
    if (view === undefined || version !== view.version) {
      const employees = Object.freeze(await store.list());
      view = { version, employees, byId: new Map(employees.map((e) => [e.id, e])) };
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
    if (view === undefined) throw new Error('the employee cache did not load');
    return view;
  }

  return {
    employees: async () => (await current()).employees,
    get: async (id) => (await current()).byId.get(id),
    loadedVersion: () => view?.version ?? 0,
  };
}
