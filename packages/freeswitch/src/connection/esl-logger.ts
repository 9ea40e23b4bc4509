import type { FreeSwitchResponseLogger } from 'esl';
import type { Logger } from '../logger.js';

/**
 * The esl library logs every frame and every `-ERR` reply, some at error level. The adapter
 * logs what matters itself, so esl's chatter goes to debug (free when debug is off).
 */
export function createEslLogger(logger: Logger): FreeSwitchResponseLogger {
  const debug = (msg: string, data: unknown): void => {
    logger.debug({ esl: data }, msg);
  };
  return { debug, info: debug, error: debug };
}
