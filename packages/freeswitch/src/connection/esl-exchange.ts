import { FreeSwitchError, type FreeSwitchResponse } from 'esl';

/** How one command exchange on the socket ended; the connection decides what each means. */
export type ApiOutcome =
  /** The api/response body exactly as FreeSWITCH sent it (trailing newline included). */
  | { readonly kind: 'reply'; readonly body: string }
  | { readonly kind: 'timeout' | 'disconnected'; readonly error: unknown };

export type BgapiOutcome =
  | { readonly kind: 'accepted'; readonly jobUuid: string }
  | { readonly kind: 'rejected'; readonly reply: string }
  | { readonly kind: 'timeout' | 'disconnected'; readonly error: unknown };

export type HandshakeOutcome =
  | { readonly kind: 'up' }
  | { readonly kind: 'auth_failed'; readonly reply: string }
  | { readonly kind: 'failed'; readonly detail: string };

/**
 * Waits for auth/request, authenticates, subscribes (unless `subscriptionLine` is undefined:
 * a command-only connection). A `-ERR` to `auth` is a wrong password.
 */
export async function exchangeHandshake(
  call: FreeSwitchResponse,
  authLine: string,
  subscriptionLine: string | undefined,
  timeoutMs: number,
): Promise<HandshakeOutcome> {
  try {
    await call.onceAsync('freeswitch_auth_request', timeoutMs, 'auth/request');
    try {
      await call.send(authLine, {}, timeoutMs);
    } catch (err) {
      if (!(err instanceof FreeSwitchError && err.res !== undefined)) throw err;
      const reply = err.args.reply;
      return { kind: 'auth_failed', reply: typeof reply === 'string' ? reply : 'refused' };
    }
    if (subscriptionLine !== undefined) await call.send(subscriptionLine, {}, timeoutMs);
    return { kind: 'up' };
  } catch (err) {
    return { kind: 'failed', detail: err instanceof Error ? err.message || err.name : String(err) };
  }
}
