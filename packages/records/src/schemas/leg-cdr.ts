import { UuidSchema } from '@callfwd/domain';
import { z } from 'zod';

const epochSeconds = z.int().min(0).nullable();

/** The fields of FreeSWITCH's CDR of one leg that callfwd keeps (from mod_xml_cdr). */
export const LegCdrSchema = z.object({
  leg: UuidSchema,
  /** the forward's call (the inbound caller leg): callfwd_parent */
  call: UuidSchema.nullable(),
  /** the bridged or loopback partner, when FreeSWITCH names one */
  otherLeg: UuidSchema.nullable(),
  direction: z.enum(['inbound', 'outbound']).nullable(),
  /** whether callfwd placed this leg (the one its charge is keyed by) */
  forwardLeg: z.boolean(),
  billsec: z.int().min(0),
  billmsec: z.int().min(0).nullable(),
  duration: z.int().min(0),
  hangupCause: z.string().max(64).nullable(),
  startEpoch: epochSeconds,
  answerEpoch: epochSeconds,
  endEpoch: epochSeconds,
  /** the callfwd_* channel variables, decoded */
  variables: z.record(z.string(), z.string()),
});

export type LegCdr = z.infer<typeof LegCdrSchema>;
