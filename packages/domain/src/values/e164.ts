import { z } from 'zod';

const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

/** A phone number in E.164 form: `+`, then 8 to 15 digits, the first not zero. */
export const E164Schema = z
  .string()
  .regex(E164_PATTERN, { message: 'must be an E.164 number: "+" then 8 to 15 digits, the first not 0' });

export type E164 = z.infer<typeof E164Schema>;

/** Whether a string is an E.164 number, without parsing it. */
export function isE164(value: string): value is E164 {
  return E164_PATTERN.test(value);
}

/** The digits FreeSWITCH dials for an E.164 number: the number without its `+`. */
export function toDialDigits(e164: E164): string {
  return e164.startsWith('+') ? e164.slice(1) : e164;
}
