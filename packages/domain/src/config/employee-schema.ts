import { z } from 'zod';
import { TriggerSchema } from '../forwarding/trigger.js';
import { TriggerWhenSchema } from '../forwarding/trigger-hours.js';
import { ScheduleSchema } from '../schedule/schedule-schema.js';
import { E164Schema } from '../values/e164.js';
import { IdSchema } from '../values/id.js';
import { ConfirmSettingsSchema } from './confirm-schema.js';
import { StepsSchema } from './follow-me-schema.js';

/**
 * A person whose calls are forwarded: which numbers reach them, where to, and when. Either one
 * `target`, or follow-me `steps` with `target` their first number (a config file may leave it
 * out: `withStepsTarget` fills it). A plain object schema (the API derives its bodies from it);
 * the checks across its fields are `checkEmployeeFields`'s.
 */
export const EmployeeSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1).max(200).optional(),
  connection: IdSchema,
  extensions: z.array(E164Schema).min(1, { message: 'needs at least one extension' }),
  /** The number forwarded to; with `steps`, the first step's first number. */
  target: E164Schema,
  /** Follow-me (rule 8): ordered steps, each ringing one or more numbers at once. */
  steps: StepsSchema.optional(),
  /** Confirm to accept (rule 9) for every target without its own `confirm`. */
  confirm: ConfirmSettingsSchema.optional(),
  triggers: z
    .array(TriggerSchema)
    .min(1, { message: 'needs at least one trigger' })
    .refine((triggers) => new Set(triggers).size === triggers.length, { message: 'lists a trigger twice' }),
  /** Working hours (rule 10), which `when` refers to. */
  schedule: ScheduleSchema.optional(),
  /** Per trigger: `always` (the default), only `inside` the schedule, or only `outside` it. */
  when: TriggerWhenSchema.optional(),
  noAnswerSeconds: z
    .int({ message: 'must be a whole number of seconds' })
    .min(1, { message: 'must be at least 1' })
    .max(600, { message: 'must be at most 600' })
    .default(20),
});

export type Employee = z.infer<typeof EmployeeSchema>;
