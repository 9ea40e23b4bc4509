import { openIntervalsOfDay, type OpenInterval } from './open-intervals.js';
import type { Schedule } from './schedule-schema.js';
import { dayOfDate, DAY_MS, firstInstantAt, localDayOf } from './zone-clock.js';

/** Sorted, with overlapping and touching intervals joined. */
function merge(intervals: readonly OpenInterval[]): OpenInterval[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  const merged: OpenInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * The first instant after `instantMs` at which the schedule opens or closes (whichever it is not
 * doing now), or null when it never changes again (always open, never open, or past its last
 * opening).
 */
export function nextChange(schedule: Schedule, instantMs: number): number | null {
  const today = localDayOf(schedule.timeZone, instantMs);
  const lastException = Math.max(today, ...schedule.exceptions.map((e) => dayOfDate(e.date)));
  // Past the last exception the schedule repeats weekly: a week and a day more shows every change.
  const lastDay = lastException + 8;
  const intervals: OpenInterval[] = [];
  for (let day = today - 1; day <= lastDay; day += 1) {
    intervals.push(...openIntervalsOfDay(schedule, day));
    // No range of a later day starts before that day's local midnight.
    const horizon = firstInstantAt(schedule.timeZone, (day + 1) * DAY_MS);
    const merged = merge(intervals);
    const current = merged.find((i) => i.from <= instantMs && instantMs < i.to);
    if (current !== undefined) {
      if (current.to < horizon) return current.to;
    } else {
      const next = merged.find((i) => i.from > instantMs);
      if (next !== undefined && next.from <= horizon) return next.from;
    }
  }
  return null;
}
