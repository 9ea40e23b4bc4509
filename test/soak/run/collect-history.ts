// Reads Redis (records, forward documents, debits, balances, holds, recordings) after the settle
// and joins it with what the simulator saw into a History for the checker.
import { Redis } from 'ioredis';
import { ForwardStateSchema, parseCallRecord, type CallRecord, type Config } from '@callfwd/domain';
import { createCallRecordStore, createForwardDocStore, createLedger, createRecordingStore } from '@callfwd/store';
import type { AccountView, ForwardDocView, History, HistoryDebit, PgView, SimCall, SimLeg } from '../history/history.js';

export interface SimSide {
  readonly calls: readonly SimCall[];
  readonly legs: readonly SimLeg[];
}

const MANY = 1_000_000;

export async function collectHistory(config: Config, sim: SimSide, pg: PgView | null): Promise<History> {
  const redis = new Redis(config.redis.mode === 'standalone' ? config.redis.url : '', { maxRetriesPerRequest: 3 });
  try {
    const prefix = config.redis.prefix;
    const recordStore = createCallRecordStore(redis, prefix);
    const docStore = createForwardDocStore(redis, prefix);
    const ledger = createLedger(redis, prefix);
    const records: CallRecord[] = [];
    const docs: ForwardDocView[] = [];
    for (const call of sim.calls) {
      const stored = await recordStore.get(call.uuid);
      if (stored !== null) {
        const parsed = parseCallRecord(stored);
        if (parsed.ok) records.push(parsed.record);
      }
      const loaded = await docStore.load(call.node, call.uuid);
      const state = ForwardStateSchema.safeParse((loaded?.doc as { state?: unknown } | undefined)?.state);
      if (state.success) {
        docs.push({ callUuid: call.uuid, plan: state.data.plan, legs: state.data.legs.map((l) => ({ legUuid: l.legUuid, step: l.step, target: l.target, line: l.line })) });
      }
    }
    const now = Date.now();
    const debits: HistoryDebit[] = [];
    const accounts: AccountView[] = [];
    for (const account of config.accounts) {
      for (const d of await ledger.listDebits(account.id, MANY)) {
        const meta = d.meta;
        debits.push({
          account: account.id,
          leg: d.leg,
          amount: d.amount,
          cost: d.cost,
          at: d.at,
          callUuid: typeof meta.callUuid === 'string' ? meta.callUuid : null,
          billsec: typeof meta.billsec === 'number' ? meta.billsec : null,
        });
      }
      const balance = await ledger.getBalance(account.id, now);
      const holds = await ledger.listHolds(account.id, now);
      accounts.push({ id: account.id, opening: account.openingBalance, balance: balance.balance, pendingHolds: holds.map((h) => h.holdId) });
    }
    const recordings = (await createRecordingStore(redis, prefix).list({ limit: MANY })).map((r) => ({ callUuid: r.callUuid, account: r.account, file: r.file, startedAt: r.startedAt }));
    return { config, readAt: now, calls: [...sim.calls], legs: [...sim.legs], docs, records, debits, accounts, recordings, pg };
  } finally {
    redis.disconnect();
  }
}
