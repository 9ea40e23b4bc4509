import { z } from 'zod';
import { TimeZoneSchema } from './time-zone-schema.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const WeekdaySchema = z.enum(WEEKDAYS);

export type Weekday = z.infer<typeof WeekdaySchema>;

/** A wall-clock time "HH:MM", 00:00 to 23:59; `to` may also be 24:00 (the end of the day). */
const clock = (allowEndOfDay: boolean) =>
  z
    .string()
    .regex(allowEndOfDay ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/, {
      message: allowEndOfDay ? 'must be a time "HH:MM" from 00:00 to 24:00' : 'must be a time "HH:MM" from 00:00 to 23:59',
    });

/** Minutes after midnight of an "HH:MM" the schema accepted. */
export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const FromSchema = clock(false);
const ToSchema = clock(true);
const EMPTY_RANGE = {
  message: 'from and to are the same time: an empty range (a whole day is 00:00 to 24:00)',
  path: ['to'],
};

/**
 * Open from `from` to `to`, wall-clock time in the schedule's zone. `to` before `from` runs past
 * midnight into the next day (22:00-06:00); a range belongs to the date it starts on.
 */
export const TimeRangeSchema = z
  .strictObject({ from: FromSchema, to: ToSchema })
  .refine((r) => clockMinutes(r.from) !== clockMinutes(r.to), EMPTY_RANGE);

export type TimeRange = z.infer<typeof TimeRangeSchema>;

/** A range on each of the listed weekdays. */
export const WeeklyRangeSchema = z
  .strictObject({
    days: z
      .array(WeekdaySchema)
      .min(1, { message: 'needs at least one day' })
      .refine((days) => new Set(days).size === days.length, { message: 'lists a day twice' }),
    from: FromSchema,
    to: ToSchema,
  })
  .refine((r) => clockMinutes(r.from) !== clockMinutes(r.to), EMPTY_RANGE);

export type WeeklyRange = z.infer<typeof WeeklyRangeSchema>;

/** A calendar date "YYYY-MM-DD" that exists (no 2026-02-30). */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be a date "YYYY-MM-DD"' })
  .refine(
    (date) => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const day = new Date(Date.UTC(y, m - 1, d));
      return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
    },
    { message: 'is not a day of the calendar' },
  );

/** A date whose ranges replace the weekly ones: closed all day, or open only in `ranges`. */
export const ScheduleExceptionSchema = z.union([
  z.strictObject({ date: DateSchema, closed: z.literal(true) }),
  z.strictObject({ date: DateSchema, ranges: z.array(TimeRangeSchema).min(1, { message: 'needs at least one range (or closed: true)' }) }),
]);

export type ScheduleException = z.infer<typeof ScheduleExceptionSchema>;

/** Working hours: weekly ranges in an IANA time zone, and exceptions by date that replace them. */
export const ScheduleSchema = z
  .strictObject({
    timeZone: TimeZoneSchema,
    weekly: z.array(WeeklyRangeSchema).default([]),
    exceptions: z.array(ScheduleExceptionSchema).default([]),
  })
  .superRefine((schedule, ctx) => {
    const seen = new Map<string, number>();
    schedule.exceptions.forEach((exception, index) => {
      const first = seen.get(exception.date);
      if (first === undefined) seen.set(exception.date, index);
      else ctx.addIssue({ code: 'custom', path: ['exceptions', index, 'date'], message: `date ${exception.date} listed twice (also exceptions[${first}])` });
    });
  });

export type Schedule = z.infer<typeof ScheduleSchema>;
