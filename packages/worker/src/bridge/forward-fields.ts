import { z } from 'zod';
import { OutcomeSchema } from '@callfwd/domain';

/**
 * What a bridge job writes into its forward's job state (Redis hash fields, JSON-encoded), so a
 * job that runs again after a crash resumes from the last step instead of repeating it.
 */

/** The call-record fields known once the forward is planned. */
export const DraftSchema = z.object({
  callUuid: z.string(),
  node: z.string(),
  connection: z.string(),
  caller: z.object({ number: z.string(), name: z.string() }),
  dialled: z.string(),
  employee: z.string().nullable(),
  target: z.string().nullable(),
  trigger: z.string().nullable(),
  startedAt: z.number(),
});
export type Draft = z.infer<typeof DraftSchema>;

/** One line of the route, as planned: looked up again by id on resume. */
export const PlannedAttemptSchema = z.object({
  line: z.string(),
  account: z.string(),
  tariff: z.string(),
  dialString: z.string(),
  viaReason: z.string(),
});
export type PlannedAttempt = z.infer<typeof PlannedAttemptSchema>;

/** A leg placed (or refused for credit) on one line. */
export const LegSchema = z.object({
  attempt: z.number().int(),
  line: z.string(),
  account: z.string(),
  legUuid: z.string().nullable(),
  jobUuid: z.string().nullable(),
  reserve: z.number().int(),
  maxSeconds: z.number().int(),
  callerId: z.string().nullable(),
  callerIdName: z.string().nullable(),
  callerIdReason: z.string().nullable(),
  diversion: z.string().nullable(),
  outcome: OutcomeSchema.nullable(),
  cause: z.string().nullable(),
});
export type Leg = z.infer<typeof LegSchema>;

export interface ForwardFields {
  draft: Draft | null;
  route: PlannedAttempt[];
  legs: Leg[];
  bridgedLeg: string | null;
  /** The leg uuid_bridge was sent for: set before the command, so a resumed run knows it may have happened. */
  bridging: string | null;
  answeredAt: number | null;
  recording: string | null;
  capped: boolean;
  outcome: string | null;
  note: string | null;
}

const DraftField = DraftSchema.nullable();
const RouteField = z.array(PlannedAttemptSchema);
const LegsField = z.array(LegSchema);

function parseJson<T>(schema: z.ZodType<T>, text: string | undefined, fallback: T): T {
  if (text === undefined) return fallback;
  return schema.parse(JSON.parse(text));
}

/** The raw hash a `ForwardFields` was read from, so the next read can reuse what did not change. */
export interface ReadFields {
  readonly raw: Readonly<Record<string, string>>;
  readonly parsed: ForwardFields;
}

/**
 * Reads the fields a bridge job wrote; throws on a state this code did not write (a bug). With the
 * previous read, JSON fields whose text did not change are not parsed and validated again (a
 * forward advances several times per call, mostly without touching its plan).
 */
export function readForwardFields(fields: Readonly<Record<string, string>>, previous?: ReadFields): ForwardFields {
  const json = <K extends 'draft' | 'route' | 'legs'>(key: K, parse: () => ForwardFields[K]): ForwardFields[K] =>
    previous !== undefined && previous.raw[key] === fields[key] ? previous.parsed[key] : parse();
  return {
    draft: json('draft', () => parseJson(DraftField, fields.draft, null)),
    route: json('route', () => parseJson(RouteField, fields.route, [])),
    legs: json('legs', () => parseJson(LegsField, fields.legs, [])),
    bridgedLeg: fields.bridgedLeg ?? null,
    bridging: fields.bridging ?? null,
    answeredAt: fields.answeredAt === undefined ? null : Number(fields.answeredAt),
    recording: fields.recording ?? null,
    capped: fields.capped === '1',
    outcome: fields.outcome ?? null,
    note: fields.note ?? null,
  };
}

export function legsPatch(legs: readonly Leg[]): Record<string, string> {
  return { legs: JSON.stringify(legs) };
}
