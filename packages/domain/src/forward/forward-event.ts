import { z } from 'zod';
import { describeIssues } from '../values/describe-issues.js';
import { UuidSchema } from '../values/uuid.js';
import { ForwardCallSchema } from './forward-call.js';

const epochMs = z.number().nonnegative();
const cause = z.string().max(64);

/** The timers of a forward: each kept in Redis with its state and queued as a job once due, so no forward depends on a process staying alive. */
export const FORWARD_TIMERS = ['ring_timeout', 'bridge_timeout', 'renew_credit', 'deadline', 'legs_gone'] as const;
export const ForwardTimerSchema = z.enum(FORWARD_TIMERS);
export type ForwardTimer = z.infer<typeof ForwardTimerSchema>;

/**
 * What can happen to a forward. From the node (through the listener): parked, originate result
 * (BACKGROUND_JOB), early media, answer, bridge, a leg's hangup, the caller's hangup. From the
 * worker's effects: credit held / refused / extended, a command refused. From time: a timer. From
 * the queue: a job that failed for good (`give_up`).
 */
export const ForwardEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('parked'), call: ForwardCallSchema }),
  z.object({ kind: z.literal('credit_held'), legUuid: UuidSchema, held: z.int().min(0) }),
  /** `limit`: refused for the account's concurrent-forward limit (rule 11), not for credit. */
  z.object({ kind: z.literal('credit_refused'), legUuid: UuidSchema, available: z.int().min(0), limit: z.boolean().optional() }),
  z.object({ kind: z.literal('credit_extended'), legUuid: UuidSchema, slice: z.int().min(1), held: z.int().min(0) }),
  z.object({ kind: z.literal('originate_result'), legUuid: UuidSchema, ok: z.boolean(), cause: cause.nullable() }),
  z.object({ kind: z.literal('leg_early_media'), legUuid: UuidSchema, at: epochMs }),
  z.object({ kind: z.literal('leg_answered'), legUuid: UuidSchema, at: epochMs }),
  z.object({ kind: z.literal('leg_bridged'), legUuid: UuidSchema, at: epochMs }),
  z.object({ kind: z.literal('bridge_failed'), legUuid: UuidSchema, error: z.string().max(256) }),
  z.object({
    kind: z.literal('leg_hung_up'),
    legUuid: UuidSchema,
    cause,
    billsec: z.int().min(0),
    answeredAt: epochMs.nullable(),
    endedAt: epochMs,
    /** When the node bridged this leg to the caller (its bridge_uepoch with last_bridge_to the caller), if it did. */
    bridgedAt: epochMs.nullable(),
  }),
  z.object({
    kind: z.literal('caller_hung_up'),
    cause,
    at: epochMs,
    /** The call as its hangup event describes it: a hangup handled before the park still gets its record. */
    call: ForwardCallSchema.nullable(),
    /** Whether the call hung up while parked (its last application was park). */
    parked: z.boolean(),
  }),
  z.object({ kind: z.literal('recording_failed'), error: z.string().max(256) }),
  z.object({ kind: z.literal('timer'), timer: ForwardTimerSchema, legUuid: UuidSchema.nullable(), slice: z.int().min(0) }),
  z.object({ kind: z.literal('give_up'), reason: z.string().max(256) }),
]);
export type ForwardEvent = z.infer<typeof ForwardEventSchema>;
export type ForwardEventKind = ForwardEvent['kind'];

/** Every event kind (the README's event table is checked against it). */
export const FORWARD_EVENT_KINDS: readonly ForwardEventKind[] = Object.freeze(
  ForwardEventSchema.options.map((option) => option.shape.kind.value),
);

/**
 * The id of an event, for deduplication: the same happening gives the same id whichever listener
 * saw it and however often it is delivered.
 */
export function forwardEventId(event: ForwardEvent): string {
  switch (event.kind) {
    case 'parked':
    case 'caller_hung_up':
    case 'recording_failed':
    case 'give_up':
      return event.kind;
    case 'credit_extended':
      return `${event.kind}:${event.legUuid}:${event.slice}`;
    case 'timer':
      return `timer:${event.timer}:${event.legUuid ?? '-'}:${event.slice}`;
    default:
      return `${event.kind}:${event.legUuid}`;
  }
}

/** The job that carries one event to the worker. Producer: listener, timers, the worker itself. */
export const ForwardJobSchema = z.object({
  v: z.literal(2),
  node: z.string().min(1).max(64),
  callUuid: UuidSchema,
  event: ForwardEventSchema,
});
export type ForwardJob = z.infer<typeof ForwardJobSchema>;

export function parseForwardJob(data: unknown): { ok: true; job: ForwardJob } | { ok: false; error: string } {
  const parsed = ForwardJobSchema.safeParse(data);
  return parsed.success ? { ok: true, job: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
}

/** The BullMQ job id of an event job: node, call and event, so two listeners make one job (no ':'). */
export function forwardJobId(node: string, callUuid: string, event: ForwardEvent): string {
  return `fwd-${node}-${callUuid}-${forwardEventId(event).replaceAll(':', '-')}`;
}
