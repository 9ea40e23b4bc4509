// FreeSWITCH's leg CDRs: written once per leg uuid, read back by leg.
import type { Pool } from 'pg';
import { LegCdrSchema, type LegCdr } from '../schemas/leg-cdr.js';
import { parseEdge, parseStored } from './parse-edge.js';
import { toSafeInteger } from './query-journal.js';

export interface LegCdrDbRow {
  leg_uuid: string;
  call_uuid: string | null;
  other_leg: string | null;
  direction: string | null;
  billsec: number;
  billmsec: string | null;
  duration: number;
  hangup_cause: string | null;
  start_epoch: string | null;
  answer_epoch: string | null;
  end_epoch: string | null;
  variables: { forwardLeg?: boolean; vars?: Record<string, string> };
}

const nullableInt = (v: string | null): number | null => (v === null ? null : toSafeInteger(v));

export function legCdrFromRow(r: LegCdrDbRow): LegCdr {
  return parseStored(
    LegCdrSchema,
    {
      leg: r.leg_uuid,
      call: r.call_uuid,
      otherLeg: r.other_leg,
      direction: r.direction,
      forwardLeg: r.variables.forwardLeg === true,
      billsec: r.billsec,
      billmsec: nullableInt(r.billmsec),
      duration: r.duration,
      hangupCause: r.hangup_cause,
      startEpoch: nullableInt(r.start_epoch),
      answerEpoch: nullableInt(r.answer_epoch),
      endEpoch: nullableInt(r.end_epoch),
      variables: r.variables.vars ?? {},
    },
    'leg CDR',
  );
}

export const LEG_CDR_COLUMNS =
  'leg_uuid, call_uuid, other_leg, direction, billsec, billmsec, duration, hangup_cause, start_epoch, answer_epoch, end_epoch, variables';

/** Idempotent by leg uuid: the first CDR of a leg wins (FreeSWITCH retries the same one). */
export async function insertLegCdr(pool: Pool, input: LegCdr): Promise<{ inserted: boolean }> {
  const c = parseEdge(LegCdrSchema, input, 'leg CDR');
  const reply = await pool.query(
    `INSERT INTO leg_cdrs (${LEG_CDR_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (leg_uuid) DO NOTHING`,
    [
      c.leg,
      c.call,
      c.otherLeg,
      c.direction,
      c.billsec,
      c.billmsec,
      c.duration,
      c.hangupCause,
      c.startEpoch,
      c.answerEpoch,
      c.endEpoch,
      JSON.stringify({ forwardLeg: c.forwardLeg, vars: c.variables }),
    ],
  );
  return { inserted: reply.rowCount === 1 };
}

export async function selectLegCdr(pool: Pool, leg: string): Promise<LegCdr | null> {
  const reply = await pool.query<LegCdrDbRow>(`SELECT ${LEG_CDR_COLUMNS} FROM leg_cdrs WHERE leg_uuid = $1`, [
    leg,
  ]);
  const row = reply.rows[0];
  return row === undefined ? null : legCdrFromRow(row);
}
