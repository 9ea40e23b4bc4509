// What a soak run leaves behind, as the invariant checker reads it: what the simulated nodes saw
// (their channel and command logs, boiled down per call and per leg), what callfwd wrote to Redis,
// and, when PostgreSQL is in the run, what it holds. Times are ms since the epoch.
import { z } from 'zod';
import { CallRecordSchema, ForwardPlanSchema, type Config } from '@callfwd/domain';

/** An inbound call the node parked for callfwd (tagged with its connection). */
export const SimCallSchema = z.object({
  uuid: z.string(),
  node: z.string(),
  parkedAt: z.number(),
  /** When the caller stopped waiting in park: bridged, sent to a fallback, or hung up; null = still parked. */
  leftParkAt: z.number().nullable(),
  leftHow: z.enum(['bridge', 'fallback', 'hangup']).nullable(),
});
export type SimCall = z.infer<typeof SimCallSchema>;

/** One originate a node received for a forward (callfwd_parent), and what became of its leg. */
export const SimLegSchema = z.object({
  uuid: z.string(),
  parent: z.string(),
  node: z.string(),
  line: z.string(),
  /** The number dialled, E.164 (from the dial string). */
  target: z.string(),
  originatedAt: z.number(),
  answeredAt: z.number().nullable(),
  bridgedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** The node's billsec at CHANNEL_HANGUP_COMPLETE; null while the leg is up (or never created). */
  billsec: z.int().min(0).nullable(),
  cause: z.string().nullable(),
});
export type SimLeg = z.infer<typeof SimLegSchema>;

/** The forward document's view of one call: its plan (for the wait bound) and each leg's step and target. */
export const ForwardDocViewSchema = z.object({
  callUuid: z.string(),
  plan: ForwardPlanSchema.nullable(),
  legs: z.array(z.object({ legUuid: z.string(), step: z.int(), target: z.string(), line: z.string() })),
});
export type ForwardDocView = z.infer<typeof ForwardDocViewSchema>;

export const HistoryDebitSchema = z.object({
  account: z.string(),
  leg: z.string(),
  amount: z.int(),
  cost: z.int(),
  at: z.number(),
  callUuid: z.string().nullable(),
  billsec: z.number().nullable(),
});
export type HistoryDebit = z.infer<typeof HistoryDebitSchema>;

export const AccountViewSchema = z.object({
  id: z.string(),
  opening: z.int(),
  balance: z.int(),
  /** Hold ids still pending after the settle (expired ones swept). */
  pendingHolds: z.array(z.string()),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

export const RecordingViewSchema = z.object({
  callUuid: z.string(),
  account: z.string(),
  file: z.string(),
  startedAt: z.number(),
});
export type RecordingView = z.infer<typeof RecordingViewSchema>;

/** One `journal` row (amount signed: a charge is <= 0). */
export const PgJournalRowSchema = z.object({
  id: z.string(),
  account: z.string(),
  kind: z.enum(['charge', 'topup', 'adjustment']),
  amount: z.int(),
  leg: z.string().nullable(),
  callUuid: z.string().nullable(),
});
export type PgJournalRow = z.infer<typeof PgJournalRowSchema>;

/**
 * PostgreSQL's side: call_records rows per call and each row's stored record, the journal, and each
 * account's balance of record (opening + journal).
 */
export const PgViewSchema = z.object({
  callRecordCounts: z.record(z.string(), z.int()),
  records: z.array(CallRecordSchema),
  journal: z.array(PgJournalRowSchema),
  balances: z.record(z.string(), z.int()),
});
export type PgView = z.infer<typeof PgViewSchema>;

export const HistoryDataSchema = z.object({
  /** When the history was read: a call still parked then has waited until now. */
  readAt: z.number(),
  calls: z.array(SimCallSchema),
  legs: z.array(SimLegSchema),
  docs: z.array(ForwardDocViewSchema),
  records: z.array(CallRecordSchema),
  debits: z.array(HistoryDebitSchema),
  accounts: z.array(AccountViewSchema),
  recordings: z.array(RecordingViewSchema),
  pg: PgViewSchema.nullable(),
});
export type HistoryData = z.infer<typeof HistoryDataSchema>;

/** A history and the config the run used (tariffs, lines, accounts, worker timings). */
export interface History extends HistoryData {
  readonly config: Config;
}
