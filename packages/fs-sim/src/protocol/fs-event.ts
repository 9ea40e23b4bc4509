// An event as FreeSWITCH holds it: ordered headers (names may repeat) and an optional body.
// Array values are FreeSWITCH "ARRAY::" headers (variable_DP_MATCH).
export type HeaderValue = string | readonly string[];

export interface FsEvent {
  readonly name: string;
  readonly headers: ReadonlyArray<readonly [string, HeaderValue]>;
  readonly body?: string;
}

export function headerValue(event: FsEvent, name: string): string | undefined {
  const found = event.headers.find(([key]) => key === name);
  if (found === undefined) return undefined;
  const value = found[1];
  return typeof value === 'string' ? value : `ARRAY::${value.join('|:')}`;
}
