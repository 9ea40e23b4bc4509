import type { CallRecord, Outcome } from '@callfwd/domain';
import { expect } from 'chai';
import type { StatementFilter } from '../../src/schemas/statement-filter.js';
import { callRecord, useRecordsDb } from '../support/database.js';

const BASE = 1_796_153_000_000;
const accounts = ['acme', 'globex', null] as const;
const outcomes: Outcome[] = ['answered', 'no_answer', 'busy', 'insufficient_credit'];
const connections = ['pbx-a', 'pbx-b'];
const employees = ['emp-1', 'emp-2', null];

function sample(): CallRecord[] {
  const records: CallRecord[] = [];
  for (let i = 0; i < 40; i += 1) {
    records.push(
      callRecord({
        // some calls start in the same ms: the cursor must still page them apart
        startedAt: BASE + Math.floor(i / 3) * 60_000,
        account: accounts[i % 3] ?? null,
        outcome: outcomes[i % 4] ?? 'answered',
        connection: connections[i % 2] ?? 'pbx-a',
        employee: employees[i % 3] ?? null,
      }),
    );
  }
  return records;
}

function matches(r: CallRecord, f: StatementFilter): boolean {
  return (
    (f.from === undefined || r.startedAt >= f.from) &&
    (f.to === undefined || r.startedAt < f.to) &&
    (f.account === undefined || r.account === f.account) &&
    (f.outcome === undefined || r.outcome === f.outcome) &&
    (f.connection === undefined || r.connection === f.connection) &&
    (f.employee === undefined || r.employee === f.employee)
  );
}

const newestFirst = (a: CallRecord, b: CallRecord) =>
  b.startedAt - a.startedAt || (b.callUuid < a.callUuid ? -1 : b.callUuid > a.callUuid ? 1 : 0);

describe('statement', () => {
  const t = useRecordsDb();
  const records = sample();

  before(async () => {
    await t.db.writeBatch({ records });
  });

  const filters: [string, StatementFilter][] = [
    ['everything', {}],
    ['an account', { account: 'acme' }],
    ['an outcome', { outcome: 'busy' }],
    ['a connection', { connection: 'pbx-b' }],
    ['an employee', { employee: 'emp-2' }],
    ['account and outcome', { account: 'globex', outcome: 'no_answer' }],
    ['a time range', { from: BASE + 3 * 60_000, to: BASE + 9 * 60_000 }],
    [
      'all of them',
      { from: BASE, to: BASE + 20 * 60_000, account: 'acme', connection: 'pbx-a', employee: 'emp-1' },
    ],
  ];

  for (const [name, filter] of filters) {
    it(`filters by ${name}, newest first, and pages by cursor without gaps or repeats`, async () => {
      const want = records
        .filter((r) => matches(r, filter))
        .sort(newestFirst)
        .map((r) => r.callUuid);
      expect(want.length, 'the sample has rows for this filter').to.be.greaterThan(0);
      const got: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { rows: CallRecord[]; next: string | null } = await t.db.statement(filter, {
          limit: 4,
          cursor,
        });
        got.push(...page.rows.map((r) => r.callUuid));
        cursor = page.next;
        pages += 1;
        expect(pages).to.be.lessThan(50);
      } while (cursor !== null);
      expect(got).to.deep.equal(want);
      expect(pages).to.equal(Math.max(1, Math.ceil(want.length / 4)));
    });
  }

  it('refuses a cursor it did not make', async () => {
    let code = '';
    try {
      await t.db.statement({}, { cursor: 'bm90LWEtY3Vyc29y' });
    } catch (err) {
      code = (err as { code?: string }).code ?? '';
    }
    expect(code).to.equal('BAD_INPUT');
  });

  it('the plan for an account uses an index (no sequential scan of a partition)', async () => {
    const client = await t.db.pool.connect();
    let plan;
    try {
      await client.query('SET enable_seqscan = off');
      plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT record FROM call_records WHERE account = 'acme' ORDER BY started_at DESC, call_uuid DESC LIMIT 10`,
      );
      await client.query('RESET enable_seqscan');
    } finally {
      client.release();
    }
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).to.match(/Index Scan using call_records_\w*account\w*/);
    expect(text).not.to.match(/Seq Scan/);
  });
});
