import { clockMinutes, type Schedule, type TimeRange } from './schedule-schema.js';
import { dateOfDay, DAY_MS, firstInstantAt, MINUTE_MS } from './zone-clock.js';

/** An interval of instants [from, to) in ms. */
export interface OpenInterval {
  from: number;
  to: number;
}

// getUTCDay(): 0 = Sunday.
const WEEKDAY_OF_UTC_DAY = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The ranges that start on a local day: its exception's, else the weekly ranges of its weekday. */
export function rangesOfDay(schedule: Schedule, day: number): TimeRange[] {
  const date = dateOfDay(day);
  const exception = schedule.exceptions.find((e) => e.date === date);
  if (exception !== undefined) return 'closed' in exception ? [] : exception.ranges;
  const weekday = WEEKDAY_OF_UTC_DAY[new Date(day * DAY_MS).getUTCDay()]!;
  return schedule.weekly.filter((w) => w.days.includes(weekday)).map(({ from, to }) => ({ from, to }));
}

/**
 * The instants the ranges starting on a local day are open: from the first instant the wall clock
 * reads `from` to the first instant it reads `to` (on the next day when `to` is before `from`).
 * A range wholly inside a spring-forward gap is empty and left out.
 */
export function openIntervalsOfDay(schedule: Schedule, day: number): OpenInterval[] {
  const intervals: OpenInterval[] = [];
  for (const range of rangesOfDay(schedule, day)) {
    const from = clockMinutes(range.from);
    const to = clockMinutes(range.to);
    const start = firstInstantAt(schedule.timeZone, day * DAY_MS + from * MINUTE_MS);
    const end = firstInstantAt(schedule.timeZone, (to > from ? day : day + 1) * DAY_MS + to * MINUTE_MS);
    if (start < end) intervals.push({ from: start, to: end });
  }
  return intervals;
}

/** Whether a schedule can never open: no weekly range and no exception with ranges. */
export function scheduleNeverOpens(schedule: Pick<Schedule, 'weekly' | 'exceptions'>): boolean {
  return schedule.weekly.length === 0 && schedule.exceptions.every((e) => 'closed' in e);
}
