import { parseJobResult } from './parse-job-result.js';

export type OriginateReply =
  { readonly ok: true; readonly uuid: string } | { readonly ok: false; readonly cause: string };

const CAUSE = /^[A-Z_]+$/;

/**
 * The reply of `originate` (BACKGROUND_JOB body or api/response): `+OK <uuid>\n` or
 * `-ERR <CAUSE>\n` (USER_BUSY, NO_ANSWER, INVALID_GATEWAY, ORIGINATOR_CANCEL, ...).
 * Anything else is `UNPARSEABLE_REPLY`.
 */
export function parseOriginateResult(body: string): OriginateReply {
  const result = parseJobResult(body);
  if (result.ok) {
    const uuid = result.value;
    return uuid !== '' && !/\s/.test(uuid) ? { ok: true, uuid } : { ok: false, cause: 'UNPARSEABLE_REPLY' };
  }
  return CAUSE.test(result.error)
    ? { ok: false, cause: result.error }
    : { ok: false, cause: 'UNPARSEABLE_REPLY' };
}
