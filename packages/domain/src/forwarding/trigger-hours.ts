import { z } from 'zod';
import { TRIGGERS, type Trigger } from './trigger.js';

export const TRIGGER_HOURS = ['always', 'inside', 'outside'] as const;

/** When a trigger applies: at any hour, only inside the employee's working hours, or only outside them. */
export const TriggerHoursSchema = z.enum(TRIGGER_HOURS);

export type TriggerHours = z.infer<typeof TriggerHoursSchema>;

/** Per trigger, when it applies (a trigger not listed applies at any hour). */
export const TriggerWhenSchema = z.partialRecord(z.enum(TRIGGERS), TriggerHoursSchema);

export type TriggerWhen = z.infer<typeof TriggerWhenSchema>;

/** When a trigger applies, given the employee's `when` map. */
export function hoursOf(when: TriggerWhen | undefined, trigger: Trigger): TriggerHours {
  return when?.[trigger] ?? 'always';
}
