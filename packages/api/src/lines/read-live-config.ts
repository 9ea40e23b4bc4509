import { withLiveSet, type Config, type Employee, type Line } from '@callfwd/domain';
import type { EmployeeStore, LineStore, SettingsStore } from '@callfwd/store';

/** The config as it stands now: the live lines and employees in place of the file's, and the forward-via overrides. */
export interface LiveConfig {
  config: Config;
  lines: readonly Line[];
  employees: readonly Employee[];
  overrides: Record<string, string>;
}

export interface LiveSources {
  config: Config;
  lines: LineStore;
  employees: EmployeeStore;
  settings: SettingsStore;
}

/** The store's live set; the config file's until the store was first seeded (by `callfwd run`). */
async function liveOr<T>(store: { version(): Promise<number>; list(): Promise<T[]> }, seed: readonly T[]): Promise<readonly T[]> {
  return (await store.version()) === 0 ? seed : store.list();
}

/** Reads the live set from Redis (a few round trips: for the API and the CLI, not for every forward). */
export async function readLiveConfig(sources: LiveSources): Promise<LiveConfig> {
  const [lines, employees, overrides] = await Promise.all([
    liveOr(sources.lines, sources.config.lines),
    liveOr(sources.employees, sources.config.employees),
    sources.settings.getForwardViaOverrides(),
  ]);
  return { config: withLiveSet(sources.config, { lines, employees }), lines, employees, overrides };
}
