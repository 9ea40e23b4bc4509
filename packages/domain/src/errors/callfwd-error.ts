/** The closed set of error codes. Branch on `code`, never on `message`. */
export type CallfwdErrorCode =
  | 'CONFIG_INVALID'
  | 'BAD_PAYLOAD'
  | 'ESL_AUTH_FAILED'
  | 'ESL_TIMEOUT'
  | 'ESL_DISCONNECTED'
  | 'ESL_COMMAND_FAILED'
  | 'REDIS_UNAVAILABLE'
  | 'LEDGER_CONFLICT'
  | 'NOT_FOUND'
  | 'BAD_INPUT'
  | 'INTERNAL';

export const CALLFWD_ERROR_CODES: readonly CallfwdErrorCode[] = Object.freeze([
  'CONFIG_INVALID',
  'BAD_PAYLOAD',
  'ESL_AUTH_FAILED',
  'ESL_TIMEOUT',
  'ESL_DISCONNECTED',
  'ESL_COMMAND_FAILED',
  'REDIS_UNAVAILABLE',
  'LEDGER_CONFLICT',
  'NOT_FOUND',
  'BAD_INPUT',
  'INTERNAL',
]);

/**
 * The one error class callfwd throws: for bugs and at I/O boundaries. Expected failures
 * are returned as values, not thrown.
 */
export class CallfwdError extends Error {
  override readonly name = 'CallfwdError';
  readonly code: CallfwdErrorCode;

  constructor(code: CallfwdErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** Whether a caught value is a CallfwdError (optionally with the given code). */
export function isCallfwdError(value: unknown, code?: CallfwdErrorCode): value is CallfwdError {
  return value instanceof CallfwdError && (code === undefined || value.code === code);
}
