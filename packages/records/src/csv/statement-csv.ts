// `callfwd statement --csv`: a header row, then one row per call: E.164 numbers as stored (+<digits>),
// ISO 8601 UTC times, money in integer minor units with its currency. parseStatementCsv reads it back.
import type { CallRecord } from '@callfwd/domain';
import { CallfwdError } from '@callfwd/domain';
import { z } from 'zod';
import { parseEdge } from '../db/parse-edge.js';
import { csvLine, parseCsvText } from './csv-text.js';

export const STATEMENT_CSV_COLUMNS = [
  'call_uuid',
  'started_at',
  'answered_at',
  'ended_at',
  'account',
  'connection',
  'employee',
  'caller_number',
  'caller_name',
  'dialled',
  'target',
  'via_number',
  'outcome',
  'hangup_cause',
  'billed_seconds',
  'cost_minor',
  'currency',
  'recording_file',
] as const;

type Column = (typeof STATEMENT_CSV_COLUMNS)[number];

const nullableText = z.string().min(1).nullable();
const isoTime = z.iso.datetime();

/** One statement row as the CSV carries it (nullable columns are empty in the file). */
export const StatementCsvRowSchema = z.object({
  call_uuid: z.string().min(1),
  started_at: isoTime,
  answered_at: isoTime.nullable(),
  ended_at: isoTime.nullable(),
  account: nullableText,
  connection: z.string().min(1),
  employee: nullableText,
  caller_number: z.string(),
  caller_name: z.string(),
  dialled: z.string(),
  target: nullableText,
  via_number: nullableText,
  outcome: z.string().min(1),
  hangup_cause: nullableText,
  billed_seconds: z.int().min(0),
  cost_minor: z.int().min(0),
  currency: nullableText,
  recording_file: nullableText,
});

export type StatementCsvRow = z.infer<typeof StatementCsvRowSchema>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const orNull = (s: string | null): string | null => (s === null || s === '' ? null : s);

/** What a call record becomes in the CSV. */
export function toStatementCsvRow(r: CallRecord): StatementCsvRow {
  return {
    call_uuid: r.callUuid,
    started_at: new Date(r.startedAt).toISOString(),
    answered_at: iso(r.answeredAt),
    ended_at: iso(r.endedAt),
    account: r.account,
    connection: r.connection,
    employee: r.employee,
    caller_number: r.caller.number,
    caller_name: r.caller.name,
    dialled: r.dialled,
    target: r.target,
    via_number: r.viaNumber,
    outcome: r.outcome,
    hangup_cause: orNull(r.hangupCause),
    billed_seconds: r.billedSeconds,
    cost_minor: r.cost,
    currency: r.currency,
    recording_file: r.recording?.file ?? null,
  };
}

const INTEGER_COLUMNS: ReadonlySet<Column> = new Set(['billed_seconds', 'cost_minor']);
const NOT_NULL_COLUMNS: ReadonlySet<Column> = new Set([
  'call_uuid',
  'started_at',
  'connection',
  'caller_number',
  'caller_name',
  'dialled',
  'outcome',
]);

export function statementToCsv(records: readonly CallRecord[]): string {
  const lines = [csvLine(STATEMENT_CSV_COLUMNS)];
  for (const record of records) {
    const row = toStatementCsvRow(record);
    lines.push(
      csvLine(
        STATEMENT_CSV_COLUMNS.map((c) => {
          const v = row[c];
          return v === null ? '' : String(v);
        }),
      ),
    );
  }
  return lines.map((line) => `${line}\r\n`).join('');
}

export function parseStatementCsv(text: string): StatementCsvRow[] {
  const [header, ...rows] = parseCsvText(text);
  if (header === undefined || header.join(',') !== STATEMENT_CSV_COLUMNS.join(',')) {
    throw new CallfwdError('BAD_INPUT', 'not a callfwd statement CSV: the header row differs');
  }
  return rows.map((fields, n) => {
    if (fields.length !== STATEMENT_CSV_COLUMNS.length) {
      throw new CallfwdError('BAD_INPUT', `statement CSV row ${n + 1}: ${fields.length} fields`);
    }
    const data: Record<string, unknown> = {};
    STATEMENT_CSV_COLUMNS.forEach((column, i) => {
      const text = fields[i] ?? '';
      if (INTEGER_COLUMNS.has(column)) data[column] = /^\d+$/.test(text) ? Number(text) : text;
      else data[column] = text === '' && !NOT_NULL_COLUMNS.has(column) ? null : text;
    });
    return parseEdge(StatementCsvRowSchema, data, `statement CSV row ${n + 1}`);
  });
}
