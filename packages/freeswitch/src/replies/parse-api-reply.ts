import type { ApiCommand } from '../commands/esl-command.js';
import { classifyApiFailure, type ApiFailureReason } from './classify-api-failure.js';

/**
 * `-ERR ...` and `-USAGE: ...` replies are values; only I/O failures reject (FreeswitchError
 * DISCONNECTED / TIMEOUT). `reason` is set when FreeSWITCH said the channel is not there.
 */
export type ApiResult =
  | { readonly ok: true; readonly reply: string }
  | { readonly ok: false; readonly error: string; readonly reason?: ApiFailureReason };

/** An api/response body as a result: one trailing newline dropped, a leading `-` is a failure. */
export function parseApiReply(command: ApiCommand, body: string): ApiResult {
  const text = body.endsWith('\n') ? body.slice(0, -1) : body;
  if (!text.startsWith('-')) return { ok: true, reply: text };
  const reason = classifyApiFailure(command.text.split(' ', 1)[0] ?? '', text);
  return reason === undefined ? { ok: false, error: text } : { ok: false, error: text, reason };
}
