import { NUMBER_PLACEHOLDER } from '../config/line-schema.js';
import { CallfwdError } from '../errors/callfwd-error.js';
import type { E164 } from '../values/e164.js';
import { isE164, toDialDigits } from '../values/e164.js';

/**
 * A line's dial template with `{number}` replaced by the target's digits (no `+`). Only
 * digits ever go in; a target that is not E.164 is a bug and throws BAD_INPUT.
 */
export function buildDialString(template: string, target: E164): string {
  if (!isE164(target))
    throw new CallfwdError('BAD_INPUT', 'buildDialString: the target is not an E.164 number');
  if (!template.includes(NUMBER_PLACEHOLDER)) {
    throw new CallfwdError('BAD_INPUT', 'buildDialString: the dial template has no {number}');
  }
  return template.split(NUMBER_PLACEHOLDER).join(toDialDigits(target));
}
