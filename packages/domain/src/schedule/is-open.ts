import { openIntervalsOfDay } from './open-intervals.js';
import type { Schedule } from './schedule-schema.js';
import { localDayOf } from './zone-clock.js';

/**
 * Rule 10: whether working hours are open at an instant. A range belongs to the local date it
 * starts on (a 22:00-06:00 range on Monday is open early Tuesday, even if Tuesday is an exception);
 * an exception replaces that date's weekly ranges.
 */
export function isOpen(schedule: Schedule, instantMs: number): boolean {
  const day = localDayOf(schedule.timeZone, instantMs);
  for (const d of [day - 1, day, day + 1]) {
    if (openIntervalsOfDay(schedule, d).some((i) => i.from <= instantMs && instantMs < i.to)) return true;
  }
  return false;
}
