import type { FreeSwitchResponseLogger } from 'esl';
import type { Logger } from '../logger.js';

const REDACTED = '[redacted]';

/** pino's level check, when the logger has one (the adapter's Logger interface does not require it). */
function debugEnabled(logger: Logger): boolean {
  const check = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return typeof check === 'function' ? check.call(logger, 'debug') : true;
}

/** `data` with every occurrence of `secret` replaced, however deep (esl logs the `auth` command it sends). */
function withoutSecret(data: unknown, secret: string): unknown {
  if (secret === '') return data;
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch {
    return REDACTED;
  }
  if (text === undefined) return data;
  const quoted = JSON.stringify(secret).slice(1, -1);
  if (!text.includes(quoted)) return data;
  return JSON.parse(text.replaceAll(quoted, REDACTED)) as unknown;
}

/**
 * The esl library logs every frame and every `-ERR` reply, some at error level. The adapter
 * logs what matters itself, so esl's chatter goes to debug (nothing is built when debug is off).
 * esl logs the `auth <password>` command it writes: the node's password is redacted from it.
 */
export function createEslLogger(logger: Logger, secret = ''): FreeSwitchResponseLogger {
  const debug = (msg: string, data: unknown): void => {
    if (!debugEnabled(logger)) return;
    logger.debug({ esl: withoutSecret(data, secret) }, msg);
  };
  return { debug, info: debug, error: debug };
}
