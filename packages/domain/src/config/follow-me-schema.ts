import { z } from 'zod';
import { E164Schema } from '../values/e164.js';
import { ConfirmSettingsSchema } from './confirm-schema.js';

/** The most targets one step rings at once (jambonz's limit). */
export const MAX_TARGETS_PER_STEP = 10;
/** The most steps of a follow-me. */
export const MAX_STEPS = 10;

/** One number a step rings, with its own confirm (else the employee's, else none). */
export const StepTargetSchema = z.strictObject({
  number: E164Schema,
  confirm: ConfirmSettingsSchema.optional(),
});

export type StepTarget = z.infer<typeof StepTargetSchema>;

/**
 * Rule 8, follow-me: one step rings all its targets at once for `ringSeconds`; the first to answer
 * (and confirm, where asked) is bridged and the others are cancelled; no answer moves to the next step.
 */
export const StepSchema = z.strictObject({
  targets: z
    .array(StepTargetSchema)
    .min(1, { message: 'a step needs at least one target' })
    .max(MAX_TARGETS_PER_STEP, { message: `a step rings at most ${MAX_TARGETS_PER_STEP} targets` })
    .superRefine((targets, ctx) => {
      const seen = new Map<string, number>();
      targets.forEach((target, index) => {
        const first = seen.get(target.number);
        if (first === undefined) seen.set(target.number, index);
        else
          ctx.addIssue({
            code: 'custom',
            path: [index, 'number'],
            message: `${target.number} is rung twice in this step (also targets[${first}])`,
          });
      });
    }),
  ringSeconds: z
    .int({ message: 'must be a whole number of seconds' })
    .min(1, { message: 'must be at least 1' })
    .max(600, { message: 'must be at most 600' }),
});

export type Step = z.infer<typeof StepSchema>;

export const StepsSchema = z
  .array(StepSchema)
  .min(1, { message: 'needs at least one step' })
  .max(MAX_STEPS, { message: `at most ${MAX_STEPS} steps` });
