/**
 * The one error the adapter throws. It is thrown only for bugs in the caller
 * (BAD_INPUT: a value the quoting layer refuses) and at the I/O boundary
 * (DISCONNECTED, TIMEOUT). Expected FreeSWITCH answers (`-ERR ...`) are values.
 * Branch on `code`, never on `message`.
 */
export type FreeswitchErrorCode = 'BAD_INPUT' | 'DISCONNECTED' | 'TIMEOUT' | 'AUTH_FAILED';

export class FreeswitchError extends Error {
  override readonly name: string = 'FreeswitchError';
  readonly code: FreeswitchErrorCode;
  readonly node: string | undefined;
  /**
   * True when nothing of the command was written (the connection was not up, or the input was
   * refused): the node cannot have run it. False when it may have: the reply timed out or the
   * connection failed after the write began.
   */
  readonly unsent: boolean;

  constructor(code: FreeswitchErrorCode, message: string, options: { node?: string; cause?: unknown; unsent?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.node = options.node;
    this.unsent = options.unsent ?? code === 'BAD_INPUT';
  }
}

/** A value the command layer refuses to put on the wire. Nothing was written. */
export class BadCommandInput extends FreeswitchError {
  override readonly name: string = 'BadCommandInput';
  readonly field: string;

  constructor(field: string, problem: string) {
    super('BAD_INPUT', `${field}: ${problem}`);
    this.field = field;
  }
}
