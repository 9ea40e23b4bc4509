import { z } from 'zod';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A call or leg UUID in lower-case canonical form (8-4-4-4-12 hex digits), as FreeSWITCH writes it. */
export const UuidSchema = z
  .string()
  .regex(UUID_PATTERN, { message: 'must be a lower-case UUID (8-4-4-4-12 hex digits)' });

export type Uuid = z.infer<typeof UuidSchema>;

/** Whether a string is a lower-case canonical UUID. */
export function isUuid(value: string): value is Uuid {
  return UUID_PATTERN.test(value);
}
