import type { Config } from '../config/config-schema.js';
import { findAccount, findFallback, findLine } from '../config/config-lookup.js';

/** Where a caller goes when forwarding fails: a dialplan extension, or an inline announcement. */
export type FallbackPlan =
  | { kind: 'extension'; extension: string; dialplan: string; context: string; fallback: string }
  | { kind: 'inline'; apps: Array<[app: string, arg: string]>; fallback: string };

/** Played when the config names no usable fallback: never dead air. */
export const BUILT_IN_FALLBACK_SOUND = 'ivr/ivr-call_cannot_be_completed_as_dialed.wav';

/**
 * Rule 4 and 7: the caller of a call that is not forwarded gets a defined fallback, never dead
 * air: the fallback of the account that pays for the connection the call came in on.
 */
export function planFallback(config: Config, connectionId: string): FallbackPlan {
  const line = findLine(config, connectionId);
  const account = line === undefined ? undefined : findAccount(config, line.account);
  const fallback = account === undefined ? undefined : findFallback(config, account.fallback);
  if (fallback?.kind === 'transfer') {
    return {
      kind: 'extension',
      extension: fallback.extension,
      dialplan: fallback.dialplan,
      context: fallback.context,
      fallback: fallback.id,
    };
  }
  return {
    kind: 'inline',
    apps: [
      ['answer', ''],
      ['playback', fallback?.sound ?? BUILT_IN_FALLBACK_SOUND],
      ['hangup', fallback?.hangupCause ?? 'NORMAL_TEMPORARY_FAILURE'],
    ],
    fallback: fallback?.id ?? 'built-in',
  };
}
