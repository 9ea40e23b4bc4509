import { z } from 'zod';
import { TriggerSchema } from '../forwarding/trigger.js';
import { E164Schema } from '../values/e164.js';
import { IdSchema } from '../values/id.js';

/** A person whose calls are forwarded: which numbers reach them, where to, and when. */
export const EmployeeSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1).max(200).optional(),
  connection: IdSchema,
  extensions: z.array(E164Schema).min(1, { message: 'needs at least one extension' }),
  target: E164Schema,
  triggers: z
    .array(TriggerSchema)
    .min(1, { message: 'needs at least one trigger' })
    .refine((triggers) => new Set(triggers).size === triggers.length, { message: 'lists a trigger twice' }),
  noAnswerSeconds: z
    .int({ message: 'must be a whole number of seconds' })
    .min(1, { message: 'must be at least 1' })
    .max(600, { message: 'must be at most 600' })
    .default(20),
});

export type Employee = z.infer<typeof EmployeeSchema>;
