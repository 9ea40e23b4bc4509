import { z } from 'zod';

/** Whether the platform's Intl data knows an IANA time zone (`Europe/Warsaw`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name the platform's Intl data knows; offsets such as "+01:00" are refused (no DST). */
export const TimeZoneSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/, {
    message: 'must be an IANA time zone name such as Europe/Warsaw',
  })
  .refine(isKnownTimeZone, { message: 'is not a time zone this platform knows (IANA name, e.g. Europe/Warsaw)' });

export type TimeZone = z.infer<typeof TimeZoneSchema>;
