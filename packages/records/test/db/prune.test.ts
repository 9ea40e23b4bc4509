import { expect } from 'chai';
import { callRecord, useRecordsDb, uuid } from '../support/database.js';

describe('prune: retention by day partition (real PostgreSQL)', () => {
  const fx = useRecordsDb();

  it('drops the day partitions before the cutoff with their rows, keeps the rest and the journal', async () => {
    const now = Date.UTC(2026, 11, 10, 12);
    await fx.db.pool.query("SELECT callfwd_ensure_day_partitions(DATE '2026-12-01', 10)");
    const old = callRecord({ startedAt: Date.UTC(2026, 11, 2, 10), answeredAt: null, endedAt: Date.UTC(2026, 11, 2, 10, 1) });
    const kept = callRecord({ startedAt: Date.UTC(2026, 11, 9, 10), answeredAt: null, endedAt: Date.UTC(2026, 11, 9, 10, 1) });
    const charge = { id: uuid(), account: 'acme', kind: 'charge' as const, amount: -5, currency: 'PLN', leg: null, call: old.callUuid, at: old.startedAt, note: null };
    await fx.db.writeBatch({ records: [old, kept], journal: [charge] });
    const dry = await fx.db.prune({ olderThanDays: 3, now, dryRun: true });
    expect(dry.partitions).to.include.members(['call_records_20261201', 'call_records_20261202', 'call_records_20261206']);
    expect(dry.partitions).not.to.include('call_records_20261207');
    expect((await fx.db.statement({}, { limit: 10 })).rows, 'a dry run changes nothing').to.have.length(2);
    const done = await fx.db.prune({ olderThanDays: 3, now });
    expect(done.partitions).to.deep.equal(dry.partitions);
    expect((await fx.db.statement({}, { limit: 10 })).rows.map((r) => r.callUuid)).to.deep.equal([kept.callUuid]);
    expect((await fx.db.journalFor('acme')).map((e) => e.id)).to.include(charge.id);
    expect((await fx.db.prune({ olderThanDays: 3, now })).partitions, 'a repeat drops nothing').to.deep.equal([]);
  });
});
