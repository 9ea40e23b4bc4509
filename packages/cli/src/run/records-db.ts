// PostgreSQL from the config (its `postgres` section or DATABASE_URL): the records database, or null
// when there is none (records stay in Redis, as before).
import { findAccount, findTariff, type Config, type Tariff } from '@callfwd/domain';
import { createRecordsDb, type RecordsDb } from '@callfwd/records';

/** The URL with the password put back in (never logged: log `config.postgres.url`). */
export function connectionUrl(postgres: NonNullable<Config['postgres']>): string {
  if (postgres.password === undefined) return postgres.url;
  const url = new URL(postgres.url);
  url.password = encodeURIComponent(postgres.password);
  return url.toString();
}

export function recordsDbOf(config: Config, opts: { max?: number } = {}): RecordsDb | null {
  if (config.postgres === undefined) return null;
  return createRecordsDb({ url: connectionUrl(config.postgres), max: opts.max ?? config.postgres.poolMax });
}

/** The ledger's journal options with PostgreSQL (top-ups journalled, the debit log bounded). */
export function journalLedgerOptions(config: Config): { journal?: { currency: (account: string) => string } } {
  if (config.postgres === undefined) return {};
  return { journal: { currency: (account) => findAccount(config, account)?.currency ?? 'XXX' } };
}

export function tariffOf(config: Config): (account: string) => Tariff | null {
  return (account) => {
    const a = findAccount(config, account);
    return a === undefined ? null : (findTariff(config, a.tariff) ?? null);
  };
}

/** Runs `work` on the records database and closes it whatever happens. */
export async function withRecordsDb<T>(db: RecordsDb, work: (db: RecordsDb) => Promise<T>): Promise<T> {
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
