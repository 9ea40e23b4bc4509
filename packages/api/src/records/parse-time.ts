import { ApiError } from '../errors/api-error.js';

/** A query's time bound: ms since the epoch, or an ISO date-time (with or without a zone: without, UTC). */
export function parseTime(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text)) {
    const zoned = /T.*(Z|[+-]\d{2}:\d{2})$/.test(text) || !text.includes('T') ? text : `${text}Z`;
    const ms = Date.parse(zoned);
    if (Number.isFinite(ms)) return ms;
  }
  throw new ApiError(400, 'BAD_REQUEST', `${field}: must be ms since the epoch or an ISO date-time`, field);
}
