import type { CallRecord } from '@callfwd/domain';
import { OUTCOMES } from '@callfwd/domain';
import { expect } from 'chai';
import fc from 'fast-check';
import { parseCsvText } from '../../src/csv/csv-text.js';
import {
  parseStatementCsv,
  statementToCsv,
  STATEMENT_CSV_COLUMNS,
  toStatementCsvRow,
} from '../../src/csv/statement-csv.js';
import { callRecord, useRecordsDb } from '../support/database.js';

const id = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}$/);
const e164 = fc.stringMatching(/^\+[1-9]\d{7,14}$/);
const ms = fc.integer({ min: 0, max: 4_102_444_800_000 });
/** caller-controlled text: commas, quotes, CR, LF and unicode included */
const text = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', 'ł', '€', ';', '1'),
  maxLength: 20,
});

const recordArb: fc.Arbitrary<CallRecord> = fc
  .record({
    account: fc.option(id, { nil: null }),
    connection: id,
    employee: fc.option(id, { nil: null }),
    number: text,
    name: text,
    dialled: text,
    target: fc.option(e164, { nil: null }),
    viaNumber: fc.option(e164, { nil: null }),
    startedAt: ms,
    answeredAt: fc.option(ms, { nil: null }),
    endedAt: fc.option(ms, { nil: null }),
    billedSeconds: fc.nat({ max: 100_000 }),
    cost: fc.nat({ max: 1_000_000_000 }),
    outcome: fc.constantFrom(...OUTCOMES),
    hangupCause: fc.option(fc.constantFrom('NORMAL_CLEARING', 'USER_BUSY', ''), { nil: null }),
    recording: fc.option(
      text.filter((s) => s.length > 0),
      { nil: null },
    ),
  })
  .map((f) =>
    callRecord({
      account: f.account,
      connection: f.connection,
      employee: f.employee,
      caller: { number: f.number, name: f.name },
      dialled: f.dialled,
      target: f.target,
      viaNumber: f.viaNumber,
      startedAt: f.startedAt,
      answeredAt: f.answeredAt,
      endedAt: f.endedAt,
      billedSeconds: f.billedSeconds,
      cost: f.cost,
      outcome: f.outcome,
      hangupCause: f.hangupCause,
      recording: f.recording === null ? null : { file: f.recording, seconds: null },
    }),
  );

describe('statement CSV', () => {
  it('parses back to the same rows (property)', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 8 }), (records) => {
        expect(parseStatementCsv(statementToCsv(records))).to.deep.equal(records.map(toStatementCsvRow));
      }),
      { numRuns: 300 },
    );
  });

  it('has a header row, ISO times, E.164 numbers, minor units with the currency, RFC 4180 quoting', () => {
    const record = callRecord({
      caller: { number: '+48221234567', name: 'Smith, "Al"' },
      startedAt: 1_796_153_481_000,
      cost: 1234,
    });
    const csv = statementToCsv([record]);
    const [header, line] = csv.split('\r\n');
    expect(header).to.equal(STATEMENT_CSV_COLUMNS.join(','));
    expect(line).to.contain(',2026-12-01T19:31:21.000Z,');
    expect(line).to.contain(',+48221234567,"Smith, ""Al""",');
    expect(line).to.contain(',+48601000001,');
    expect(line).to.contain(',1234,PLN,');
    expect(csv.endsWith('\r\n')).to.equal(true);
  });

  it('refuses text that is not a statement CSV', () => {
    expect(() => parseStatementCsv('a,b\r\n1,2\r\n')).to.throw(/header/);
    expect(() => parseCsvText('"open')).to.throw(/unclosed/);
    expect(() => parseCsvText('a"b')).to.throw(/bare/);
  });

  describe('from PostgreSQL', () => {
    const t = useRecordsDb();
    it('statement --csv of stored rows parses back to the rows the statement returned', async () => {
      const records = fc.sample(recordArb, { numRuns: 25, seed: 42 });
      await t.db.writeBatch({ records });
      const page = await t.db.statement({}, { limit: 100 });
      expect(page.rows).to.have.length(25);
      expect(parseStatementCsv(statementToCsv(page.rows))).to.deep.equal(page.rows.map(toStatementCsvRow));
    });
  });
});
