import { Redis } from 'ioredis';
import { createRecordsDb } from '@callfwd/records';
import { createKeyspace, createLedger } from '@callfwd/store';
import { findDoubleCharges, type DoubleCharge } from '../stats/find-double-charges.js';
import { OPENING_BALANCES } from './bench-config.js';

export interface RecordWatch {
  /** Settle lag of answered forwards, ms: when the record was written minus when the leg hung up. */
  settleLagsMs(): Promise<number[]>;
  /** Records written, by outcome. */
  outcomes(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

const ACCOUNTS = Object.keys(OPENING_BALANCES) as Array<keyof typeof OPENING_BALANCES>;

/**
 * Notes when each call record is written (Redis keyspace notifications on SET, turned on for the
 * run and restored after), to measure the settle lag without touching callfwd's code.
 */
export async function watchRecords(redisUrl: string, prefix: string): Promise<RecordWatch> {
  const admin = new Redis(redisUrl);
  const sub = new Redis(redisUrl);
  const [, previous = ''] = (await admin.config('GET', 'notify-keyspace-events'));
  const flags = new Set([...previous, 'K', '$']);
  await admin.config('SET', 'notify-keyspace-events', [...flags].join(''));
  const recordKey = createKeyspace(prefix).records.record('x').slice(0, -1);
  const writtenAt = new Map<string, number>();
  sub.on('pmessage', (_pattern: string, channel: string, op: string) => {
    if (op !== 'set') return;
    const key = channel.slice(channel.indexOf(':') + 1);
    const uuid = key.slice(recordKey.length);
    if (!writtenAt.has(uuid)) writtenAt.set(uuid, Date.now());
  });
  await sub.psubscribe(`__keyspace@*__:${escapeGlob(recordKey)}*`);

  const records = async (): Promise<Array<{ uuid: string; outcome: string; endedAt: number }>> => {
    const uuids = [...writtenAt.keys()];
    const out: Array<{ uuid: string; outcome: string; endedAt: number }> = [];
    for (let i = 0; i < uuids.length; i += 1_000) {
      const chunk = uuids.slice(i, i + 1_000);
      const values = await admin.mget(chunk.map((u) => recordKey + u));
      values.forEach((json, j) => {
        if (json === null) return;
        const record = JSON.parse(json) as { outcome: string; endedAt: number };
        out.push({ uuid: chunk[j] as string, outcome: record.outcome, endedAt: record.endedAt });
      });
    }
    return out;
  };

  return {
    async settleLagsMs() {
      return (await records())
        .filter((r) => r.outcome === 'answered')
        .map((r) => (writtenAt.get(r.uuid) as number) - r.endedAt);
    },
    async outcomes() {
      const counts: Record<string, number> = {};
      for (const r of await records()) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
      return counts;
    },
    async stop() {
      await sub.punsubscribe().catch(() => undefined);
      await admin.config('SET', 'notify-keyspace-events', previous).catch(() => undefined);
      await Promise.all([sub.quit(), admin.quit()]);
    },
  };
}

/** Every leg debited more than once, over every account of the bench config. */
export async function doubleCharges(redisUrl: string, prefix: string): Promise<{ debits: number; doubles: DoubleCharge[] }> {
  const redis = new Redis(redisUrl);
  try {
    const ledger = createLedger(redis, prefix);
    const debits = (await Promise.all(ACCOUNTS.map((a) => ledger.listDebits(a, 10_000_000)))).flat();
    return { debits: debits.length, doubles: findDoubleCharges(debits) };
  } finally {
    await redis.quit();
  }
}

/** Deletes a run's keys (SCAN + UNLINK), so runs on a shared Redis leave nothing behind. */
export async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5_000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

export interface PostgresBooks {
  /** Posts the ledger in Redis made (`posts`: one per leg charged, repeats answered from the first). */
  readonly ledgerPosts: number;
  /** Minor units the ledger in Redis took from the accounts: opening balance minus balance now. */
  readonly ledgerCharged: number;
  /** Charges PostgreSQL's journal holds for the bench's accounts, and their sum (minor units). */
  readonly journalEntries: number;
  readonly journalCharged: number;
  /** The two books say the same (entries and money): nothing charged twice in Redis, nothing left out of PostgreSQL. */
  readonly agree: boolean;
}

/**
 * With PostgreSQL the debit log in Redis keeps only each account's newest 1000, so the double-charge
 * check of the debits sees only those: the books are compared instead. The ledger in Redis (its
 * posts and what it took from the opening balances) against PostgreSQL's journal (keyed by leg, so
 * a leg is in it once), once the drain has caught up, has not moved for 5 s, or `timeoutMs` passed.
 */
export async function postgresBooks(redisUrl: string, prefix: string, pgUrl: string, timeoutMs = 60_000): Promise<PostgresBooks> {
  const redis = new Redis(redisUrl);
  const db = createRecordsDb({ url: pgUrl });
  try {
    const ledger = createLedger(redis, prefix);
    let ledgerPosts = 0;
    let ledgerCharged = 0;
    for (const account of ACCOUNTS) {
      ledgerPosts += (await ledger.stats(account)).posts;
      ledgerCharged += OPENING_BALANCES[account] - (await ledger.getBalance(account)).balance;
    }
    const deadline = Date.now() + timeoutMs;
    let last = -1;
    let movedAt = Date.now();
    for (;;) {
      const books = await Promise.all(ACCOUNTS.map((a) => db.balanceOfRecord(a, 0)));
      const journalEntries = books.reduce((n, b) => n + b.entries, 0);
      const journalCharged = -books.reduce((n, b) => n + b.movements, 0);
      if (journalEntries !== last) [last, movedAt] = [journalEntries, Date.now()];
      const agree = journalEntries === ledgerPosts && journalCharged === ledgerCharged;
      if (agree || Date.now() >= deadline || Date.now() - movedAt >= 5_000) return { ledgerPosts, ledgerCharged, journalEntries, journalCharged, agree };
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await Promise.all([db.close(), redis.quit()]);
  }
}
