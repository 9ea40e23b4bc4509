import { FreeSwitchError, FreeSwitchTimeout, type FreeSwitchResponse } from 'esl';
import type { ApiCommand, BgapiCommand } from '../commands/esl-command.js';
import type { ApiResult } from './node-connection.js';

/** How one command exchange on the socket ended; the connection decides what each means. */
export type ApiOutcome =
  | { readonly kind: 'reply'; readonly result: ApiResult }
  | { readonly kind: 'timeout' | 'disconnected'; readonly error: unknown };

export type BgapiOutcome =
  | { readonly kind: 'accepted'; readonly jobUuid: string }
  | { readonly kind: 'rejected'; readonly reply: string }
  | { readonly kind: 'timeout' | 'disconnected'; readonly error: unknown };

function withoutNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function failure(err: unknown): { kind: 'timeout' | 'disconnected'; error: unknown } {
  return { kind: err instanceof FreeSwitchTimeout ? 'timeout' : 'disconnected', error: err };
}

/** `api <text>`: a `-...` reply is a value (esl rejects it; we take the body back out). */
export async function exchangeApi(
  call: FreeSwitchResponse,
  command: ApiCommand,
  timeoutMs: number,
): Promise<ApiOutcome> {
  try {
    const res = await call.api(command.text, timeoutMs);
    return { kind: 'reply', result: { ok: true, reply: withoutNewline(res.body) } };
  } catch (err) {
    if (err instanceof FreeSwitchError && err.res !== undefined && typeof err.res.body === 'string') {
      return { kind: 'reply', result: { ok: false, error: withoutNewline(err.res.body) } };
    }
    return failure(err);
  }
}

/** `bgapi <text>` with our Job-UUID header; resolves on the command/reply, not on the job. */
export async function exchangeBgapi(
  call: FreeSwitchResponse,
  command: BgapiCommand,
  timeoutMs: number,
): Promise<BgapiOutcome> {
  try {
    const res = await call.send(`bgapi ${command.text}`, { 'Job-UUID': command.jobUuid }, timeoutMs);
    const echoed = /Job-UUID: (\S+)/.exec(res.headers['Reply-Text'] ?? '')?.[1] ?? res.headers['Job-UUID'];
    return { kind: 'accepted', jobUuid: echoed ?? command.jobUuid };
  } catch (err) {
    if (err instanceof FreeSwitchError && err.res !== undefined) {
      const reply = err.args.reply;
      return { kind: 'rejected', reply: typeof reply === 'string' ? reply : 'rejected' };
    }
    return failure(err);
  }
}

export type HandshakeOutcome =
  | { readonly kind: 'up' }
  | { readonly kind: 'auth_failed'; readonly reply: string }
  | { readonly kind: 'failed'; readonly detail: string };

/** Waits for auth/request, authenticates, subscribes. A `-ERR` to `auth` is a wrong password. */
export async function exchangeHandshake(
  call: FreeSwitchResponse,
  authLine: string,
  subscriptionLine: string,
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
    await call.send(subscriptionLine, {}, timeoutMs);
    return { kind: 'up' };
  } catch (err) {
    return { kind: 'failed', detail: err instanceof Error ? err.message || err.name : String(err) };
  }
}
