/**
 * The digits of a dialled or presented number as received (`48221110001` or `+48221110001`),
 * or `null` when it is anything else. Caller-controlled text never gets past this.
 */
export function dialledDigits(raw: string): string | null {
  const match = /^\+?(\d{1,20})$/.exec(raw.trim());
  return match?.[1] ?? null;
}

/** Only the digits of an untrusted string, at most 20: for explanations, never for commands. */
export function sanitizeDigits(raw: string): string {
  return raw.replace(/\D/g, '').slice(0, 20);
}
