import { expect } from 'chai';
import type { JournalEntry } from '../../src/schemas/journal-entry.js';
import { callRecord, useRecordsDb, uuid } from '../support/database.js';

function charge(account: string, amount: number, at: number): JournalEntry {
  const leg = uuid();
  return {
    id: leg,
    account,
    kind: 'charge',
    amount: -amount,
    currency: 'PLN',
    leg,
    call: uuid(),
    at,
    note: null,
  };
}

describe('writeBatch', () => {
  const t = useRecordsDb();

  it('writes each row once: a repeat of the batch inserts nothing and changes nothing', async () => {
    const record = callRecord({ recording: { file: '/rec/a.wav', seconds: 12.5 } });
    const batch = {
      records: [record],
      journal: [charge('acme', 12, record.endedAt ?? 0)],
      recordings: [
        {
          callUuid: record.callUuid,
          account: 'acme',
          file: '/rec/a.wav',
          startedAt: record.answeredAt ?? 0,
          seconds: 12.5,
        },
      ],
      history: [
        {
          id: uuid(),
          at: 1_796_153_000_000,
          by: 'ops',
          key: 'forward-via:pbx-a',
          old: null,
          new: { lineId: 'line-2' },
        },
      ],
    };
    const first = await t.db.writeBatch(batch);
    expect(first).to.deep.equal({ records: 1, journal: 1, recordings: 1, history: 1 });
    const second = await t.db.writeBatch(batch);
    expect(second).to.deep.equal({ records: 0, journal: 0, recordings: 0, history: 0 });
    const counts = await t.db.pool.query<{ r: string; j: string; rec: string; h: string }>(
      `SELECT (SELECT count(*) FROM call_records WHERE call_uuid = $1) AS r,
              (SELECT count(*) FROM journal WHERE id = $2) AS j,
              (SELECT count(*) FROM recordings WHERE call_uuid = $1) AS rec,
              (SELECT count(*) FROM settings_history WHERE id = $3) AS h`,
      [record.callUuid, batch.journal[0]?.id, batch.history[0]?.id],
    );
    expect(counts.rows[0]).to.deep.equal({ r: '1', j: '1', rec: '1', h: '1' });
    const page = await t.db.statement({ account: 'acme' }, { limit: 10 });
    expect(page.rows.find((r) => r.callUuid === record.callUuid)).to.deep.equal(record);
    const history = await t.db.history({ key: 'forward-via:pbx-a' });
    expect(history.rows[0]).to.deep.include({ by: 'ops', old: null, new: { lineId: 'line-2' } });
  });

  it('a batch PostgreSQL refuses in part writes nothing (one transaction)', async () => {
    await t.db.pool.query(
      `ALTER TABLE journal ADD CONSTRAINT test_poison CHECK (note IS DISTINCT FROM 'poison')`,
    );
    try {
      const record = callRecord({ account: 'rollback' });
      let failed = false;
      try {
        await t.db.writeBatch({
          records: [record],
          journal: [{ ...charge('rollback', 1, 0), note: 'poison' }],
        });
      } catch {
        failed = true;
      }
      expect(failed, 'PostgreSQL refused the poison row').to.equal(true);
      const page = await t.db.statement({ account: 'rollback' });
      expect(page.rows).to.have.length(0);
    } finally {
      await t.db.pool.query('ALTER TABLE journal DROP CONSTRAINT test_poison');
    }
  });

  it('journal sum = balance fall: the balance of record falls by exactly the distinct charges, however often they are written', async () => {
    const opening = 10_000;
    const charges = [120, 35, 1, 999, 60].map((amount, i) =>
      charge('ledger-a', amount, 1_796_153_000_000 + i),
    );
    const topup: JournalEntry = {
      id: 'topup-ref-1',
      account: 'ledger-a',
      kind: 'topup',
      amount: 500,
      currency: 'PLN',
      leg: null,
      call: null,
      at: 1_796_153_100_000,
      note: 'bank',
    };
    // overlapping batches, as a drain that crashed before its ack would write them
    await t.db.writeBatch({ journal: charges.slice(0, 3) });
    await t.db.writeBatch({ journal: charges.slice(1) });
    await t.db.writeBatch({ journal: [...charges, topup] });
    await t.db.writeBatch({ journal: [topup] });
    const balance = await t.db.balanceOfRecord('ledger-a', opening);
    const fall = charges.reduce((sum, c) => sum - c.amount, 0);
    expect(balance).to.deep.equal({
      account: 'ledger-a',
      opening,
      movements: -fall + 500,
      balance: opening - fall + 500,
      entries: 6,
    });
    const journal = await t.db.journalFor('ledger-a');
    expect(journal.map((e) => e.id)).to.deep.equal([...charges.map((c) => c.id), 'topup-ref-1']);
    const ranged = await t.db.journalFor('ledger-a', { from: 1_796_153_000_002, to: 1_796_153_000_004 });
    expect(ranged.map((e) => e.id)).to.deep.equal([charges[2]?.id, charges[3]?.id]);
  });

  it('refuses a batch that does not fit the schemas, naming the field', async () => {
    let message = '';
    try {
      await t.db.writeBatch({ journal: [{ ...charge('acme', 1, 0), currency: 'zloty' }] });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.match(/journal\[0\]\.currency/);
  });
});
