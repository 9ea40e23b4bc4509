// Wall-clock time in an IANA zone, read from the platform's Intl data (no zone rules of our own).
// A "wall" is the local date and time written as if it were UTC milliseconds: Date.UTC(y, m, d, h, mi, s).

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall time of an instant in a zone, as UTC-style milliseconds. */
export function wallOf(timeZone: string, instantMs: number): number {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(instantMs)) {
    if (Object.hasOwn(parts, part.type)) parts[part.type as keyof typeof parts] = Number(part.value);
  }
  const seconds = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return seconds + (((instantMs % 1000) + 1000) % 1000);
}

/** The local calendar day of an instant, as days since 1970-01-01. */
export function localDayOf(timeZone: string, instantMs: number): number {
  return Math.floor(wallOf(timeZone, instantMs) / DAY_MS);
}

/**
 * The first instant at which the zone's wall clock reads `wall` or later. A wall time inside a
 * spring-forward gap resolves to the instant of the jump; a wall time in the repeated autumn hour
 * resolves to its first pass.
 */
export function firstInstantAt(timeZone: string, wall: number): number {
  // Offsets a day either side straddle the instant sought (offsets are within ±14 h).
  const before = wallOf(timeZone, wall - DAY_MS) - (wall - DAY_MS);
  const after = wallOf(timeZone, wall + DAY_MS) - (wall + DAY_MS);
  const exact = [wall - before, wall - after].filter((t) => wallOf(timeZone, t) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: the wall clock jumps past `wall`; find the jump.
  let lo = Math.min(wall - before, wall - after); // wall clock still before `wall`
  let hi = Math.max(wall - before, wall - after); // wall clock past `wall`
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallOf(timeZone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** "YYYY-MM-DD" of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of a "YYYY-MM-DD" date. */
export function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
