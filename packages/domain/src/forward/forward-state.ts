import { z } from 'zod';
import { ConfirmSettingsSchema } from '../config/confirm-schema.js';
import { OutcomeSchema } from '../records/outcome.js';
import { IdSchema } from '../values/id.js';
import { UuidSchema } from '../values/uuid.js';
import { ForwardCallSchema } from './forward-call.js';

/**
 * Where one leg of a forward is. `holding`: its first credit slice is being held, nothing placed
 * yet. `ringing`: the originate was sent. `early`: the target's network sends early media.
 * `confirming`: the target answered and hears the confirm prompt (rule 9); the caller still hears
 * ringback. `answered`: the target answered (and confirmed, where asked): the bridge is on its way.
 * `bridged`: CHANNEL_BRIDGE seen. `ended`: the leg is over (hung up, refused, or given up on).
 */
export const LEG_STATUSES = ['holding', 'ringing', 'early', 'confirming', 'answered', 'bridged', 'ended'] as const;
export const LegStatusSchema = z.enum(LEG_STATUSES);
export type LegStatus = z.infer<typeof LegStatusSchema>;

const epochMs = z.number().nonnegative();

/**
 * One outbound leg: one target of a follow-me step, through one line of that target's route, tried
 * once. Its ids are fixed before anything is sent. (`step`, `slot`, `target` and `confirm` default
 * for documents written before follow-me: one step, one target, the plan's.)
 */
export const ForwardLegSchema = z.object({
  /** The follow-me step, the target's place in it, and the line's place in that target's route. */
  step: z.int().min(0).default(0),
  slot: z.int().min(0).default(0),
  attempt: z.int().min(0),
  /** The number rung ('' in documents from before follow-me: the plan's target). */
  target: z.string().max(32).default(''),
  confirm: ConfirmSettingsSchema.nullable().default(null),
  line: IdSchema,
  account: IdSchema,
  tariff: IdSchema,
  dialString: z.string().max(512),
  viaReason: z.string().max(64),
  legUuid: UuidSchema,
  jobUuid: UuidSchema,
  callerIdNumber: z.string().max(32),
  callerIdName: z.string().max(256),
  callerIdReason: z.string().max(1024),
  diversion: z.string().max(128).nullable(),
  earlyMedia: z.enum(['ringback', 'pass']),
  status: LegStatusSchema,
  /** Minor units held for this leg so far (all slices), and the talk seconds they cover. */
  held: z.int().min(0),
  coveredSeconds: z.int().min(0),
  /** Credit slices granted (1 after the first hold). */
  slices: z.int().min(0),
  originatedAt: epochMs.nullable(),
  bridgeSent: z.boolean(),
  answeredAt: epochMs.nullable(),
  bridgedAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  billsec: z.int().min(0).nullable(),
  cost: z.int().min(0).nullable(),
  /** We asked the node to end this leg (caller gone, timeout, another leg won). */
  cancelled: z.boolean(),
  /** Rule 12: when the low-balance tone was due (null: none asked for). */
  warnAt: epochMs.nullable().default(null),
  outcome: OutcomeSchema.nullable(),
  cause: z.string().max(64).nullable(),
});
export type ForwardLeg = z.infer<typeof ForwardLegSchema>;

/** One line to try for one target, in order (rule 7: the next only when a route fails). */
export const PlannedLineSchema = z.object({
  line: IdSchema,
  account: IdSchema,
  tariff: IdSchema,
  dialString: z.string().max(512),
  viaReason: z.string().max(64),
});
export type PlannedLine = z.infer<typeof PlannedLineSchema>;

/** One target of a step: its number, its confirm, and the lines it can be reached through. */
export const PlannedTargetSchema = z.object({
  number: z.string().max(32),
  confirm: ConfirmSettingsSchema.nullable(),
  route: z.array(PlannedLineSchema).max(16),
});
export type PlannedTarget = z.infer<typeof PlannedTargetSchema>;

/** One follow-me step (rule 8): its targets ring at once for `ringSeconds`. */
export const PlannedStepSchema = z.object({
  ringSeconds: z.int().min(1),
  targets: z.array(PlannedTargetSchema).min(1).max(10),
});
export type PlannedStep = z.infer<typeof PlannedStepSchema>;

/**
 * The forward's plan: who it is for and its steps. `target` and `route` are the first target's
 * (what documents written before follow-me hold; `steps` empty then means that one target).
 */
export const ForwardPlanSchema = z.object({
  employee: IdSchema,
  target: z.string().max(32),
  trigger: z.string().max(32),
  route: z.array(PlannedLineSchema).max(16),
  steps: z.array(PlannedStepSchema).max(10).default([]),
});
export type ForwardPlan = z.infer<typeof ForwardPlanSchema>;

/**
 * `trying`: working through the route. `bridged`: a leg is bridged to the caller (talking).
 * `ending`: the outcome is decided; legs still alive are being ended and their holds resolved.
 * `done`: the call record is written; nothing more happens.
 */
export const FORWARD_PHASES = ['trying', 'bridged', 'ending', 'done'] as const;
export const ForwardPhaseSchema = z.enum(FORWARD_PHASES);
export type ForwardPhase = z.infer<typeof ForwardPhaseSchema>;

export const ForwardStateSchema = z.object({
  v: z.literal(2),
  call: ForwardCallSchema,
  phase: ForwardPhaseSchema,
  plan: ForwardPlanSchema.nullable(),
  /** The follow-me step ringing now. */
  step: z.int().min(0).default(0),
  legs: z.array(ForwardLegSchema).max(64),
  callerGoneAt: epochMs.nullable(),
  fallbackSent: z.boolean(),
  outcome: OutcomeSchema.nullable(),
  note: z.string().max(1024).nullable(),
  hangupCause: z.string().max(64).nullable(),
  recording: z.string().max(1024).nullable(),
  /** No record at all (the loop guard: our own forward leg parked). */
  silent: z.boolean(),
  recordWritten: z.boolean(),
  /** Events applied, newest last (bounded): a redelivered event changes nothing. */
  seen: z.array(z.string().max(200)).max(256),
});
export type ForwardState = z.infer<typeof ForwardStateSchema>;

