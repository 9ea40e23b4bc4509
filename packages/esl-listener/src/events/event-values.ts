/** Caller-controlled text is data: kept, but bounded so one hostile caller cannot bloat a job. */
export function bounded(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** The bounds of the text an event job carries (the domain's schemas refuse anything longer). */
export const TEXT_LIMITS = Object.freeze({
  dialled: 64,
  callerNumber: 256,
  callerName: 256,
  disposition: 64,
  cause: 64,
});

/** µs since the epoch (FreeSWITCH's event times) to ms. */
export function msOfUs(us: number): number {
  return Math.floor(us / 1000);
}
