// The one error type of the API: an HTTP status, a code from a closed set, and the field at fault.

export const API_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
  // Refusals of the domain's rules, passed through as they are named there.
  'UNKNOWN_CONNECTION',
  'UNKNOWN_LINE',
  'NOT_A_PBX_CONNECTION',
  'VIA_SELF',
  'UNKNOWN_ACCOUNT',
  'REF_REUSED',
  'UNKNOWN_EMPLOYEE',
  'EXTENSION_TAKEN',
  'ID_MISMATCH',
  'LINE_IN_USE',
  'INVALID_LINE',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** What every error response is: `{ error, code, field? }`. */
export interface ApiErrorBody {
  error: string;
  code: ApiErrorCode;
  /** The field at fault (`extensions[0]`), in the part of the request `in` names. */
  field?: string;
  in?: 'body' | 'querystring' | 'params' | 'headers';
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  toBody(): ApiErrorBody {
    return {
      error: this.message,
      code: this.code,
      ...(this.field === undefined ? {} : { field: this.field, in: 'body' as const }),
    };
  }
}
