import type { Account } from './account-schema.js';
import type { Config } from './config-schema.js';
import type { Employee } from './employee-schema.js';
import type { Fallback } from './fallback-schema.js';
import type { Line } from './line-schema.js';
import type { Tariff } from './tariff-schema.js';

/** Lookups by id in a parsed config; `undefined` when there is no such id. */
export function findLine(config: Pick<Config, 'lines'>, id: string): Line | undefined {
  return config.lines.find((line) => line.id === id);
}

export function findAccount(config: Pick<Config, 'accounts'>, id: string): Account | undefined {
  return config.accounts.find((account) => account.id === id);
}

export function findTariff(config: Pick<Config, 'tariffs'>, id: string): Tariff | undefined {
  return config.tariffs.find((tariff) => tariff.id === id);
}

export function findFallback(config: Pick<Config, 'fallbacks'>, id: string): Fallback | undefined {
  return config.fallbacks.find((fallback) => fallback.id === id);
}

export function findEmployee(config: Pick<Config, 'employees'>, id: string): Employee | undefined {
  return config.employees.find((employee) => employee.id === id);
}

/** The main line: parseConfig guarantees exactly one. */
export function findMainLine(config: Pick<Config, 'lines'>): Line | undefined {
  return config.lines.find((line) => line.kind === 'main');
}
