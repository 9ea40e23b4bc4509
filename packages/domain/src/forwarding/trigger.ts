import { z } from 'zod';

export const TRIGGERS = ['always', 'busy', 'no_answer', 'unavailable'] as const;

/** When an employee's calls are forwarded: unconditionally, on busy, on no answer, when unavailable. */
export const TriggerSchema = z.enum(TRIGGERS);

export type Trigger = z.infer<typeof TriggerSchema>;
