import { classifyApiFailure } from './classify-api-failure.js';

/** What `uuid_getvar` found. */
export type VarReply =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'unset' }
  | { readonly kind: 'no_such_channel' }
  | { readonly kind: 'error'; readonly error: string };

/**
 * The api/response body of `uuid_getvar`, raw. FreeSWITCH writes a value as it is, with no
 * newline (`USER_BUSY`), `_undef_` for an unset variable, and its errors with a newline
 * (`-ERR No such channel!\n`, `-USAGE: ...\n`), so a value that starts with `-` stays a value.
 * An empty value reaches the socket as `-ERR no reply\n` (ESL's text for empty output): unset.
 */
export function parseVarReply(body: string): VarReply {
  if (body === '' || body === '_undef_') return { kind: 'unset' };
  if (!body.startsWith('-') || !body.endsWith('\n')) return { kind: 'value', value: body };
  const error = body.slice(0, -1);
  if (error === '-ERR no reply') return { kind: 'unset' };
  return classifyApiFailure('uuid_getvar', error) === 'no_such_channel'
    ? { kind: 'no_such_channel' }
    : { kind: 'error', error };
}
