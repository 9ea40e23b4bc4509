import { BadCommandInput } from '../errors/freeswitch-error.js';

/** Limits and patterns of the quoting layer. Anything outside them is refused, never repaired. */
export const LIMITS = {
  valueLength: 256,
  dialStringLength: 256,
  pathLength: 255,
  inlineArgLength: 512,
  maxScheduleSeconds: 7 * 24 * 3600,
  /** sched_api tasks (schedKill): at most a day ahead. */
  maxSchedApiSeconds: 24 * 3600,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DIAL_STRING = /^[A-Za-z0-9_./@:+-]+$/;
// Channel variables are word characters; SIP header variables (sip_h_X-Foo) also carry the header's hyphens.
const VARIABLE_NAME = /^(?:[A-Za-z_][A-Za-z0-9_]{0,63}|sip_(?:h|rh|ph|bye_h)_[A-Za-z][A-Za-z0-9-]{0,48})$/;
const HANGUP_CAUSE = /^[A-Z_]{1,64}$/;
const DIGITS = /^\d{1,20}$/;
const PATH = /^\/[A-Za-z0-9_./-]+$/;
const EXTENSION = /^[A-Za-z0-9_+*#.-]{1,64}$/;
const DIALPLAN = /^[A-Za-z]{1,32}$/;
const CONTEXT = /^[A-Za-z0-9_.-]{1,64}$/;
const APP_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const INLINE_ARG = /^[A-Za-z0-9_./@:+=,{}<>#*!?%-]*$/;
const SCHED_GROUP = /^[A-Za-z0-9_-]{1,64}$/;
const DIGITS_ONLY = /^\d+$/;
const ANY_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Characters a channel-variable value may hold: letters, marks and digits of any script,
 * the space, and punctuation with no meaning to the ESL line, the api argument split or a
 * `{...}` block. Refused among others: CR, LF, NUL and every control or format character,
 * `{ } [ ] ' " \ $ ^ & |` (block ends, quotes, escapes, variable expansion, app separators).
 */
const VALUE = /^[\p{L}\p{M}\p{N} ._\-+@:;=/<>()#*!?%~,]*$/u;

function text(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new BadCommandInput(field, 'not a string');
  return value;
}

export function checkUuid(field: string, value: unknown): string {
  const v = text(field, value);
  if (!UUID.test(v)) throw new BadCommandInput(field, 'not a canonical lowercase UUID');
  return v;
}

export function checkDialString(field: string, value: unknown): string {
  const v = text(field, value);
  if (v.length === 0 || v.length > LIMITS.dialStringLength)
    throw new BadCommandInput(field, 'empty or too long');
  if (!DIAL_STRING.test(v) || !v.includes('/'))
    throw new BadCommandInput(field, 'not an endpoint/target dial string');
  return v;
}

export function checkDigits(field: string, value: unknown): string {
  const v = text(field, value);
  if (!DIGITS.test(v)) throw new BadCommandInput(field, 'not 1 to 20 digits');
  return v;
}

export function checkVariableName(field: string, value: unknown): string {
  const v = text(field, value);
  if (!VARIABLE_NAME.test(v)) throw new BadCommandInput(field, 'not a variable name');
  return v;
}

export function checkHangupCause(field: string, value: unknown): string {
  const v = text(field, value);
  if (!HANGUP_CAUSE.test(v)) throw new BadCommandInput(field, 'not a hangup cause');
  return v;
}

export function checkSeconds(field: string, value: unknown, max: number = LIMITS.maxScheduleSeconds): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new BadCommandInput(field, `not a whole number of seconds from 1 to ${max}`);
  }
  return value;
}

/**
 * A scheduler task group (`sched_api`, `sched_del`): 1 to 64 of `[A-Za-z0-9_-]`, and neither
 * digits only (`sched_del` reads a digit string as a task id) nor a bare UUID (FreeSWITCH
 * files a channel's sched_hangup and sched_broadcast tasks under its uuid, so `sched_del <uuid>`
 * would also remove the call's hard cap). Use a prefix: `cf-<uuid>`.
 */
export function checkSchedGroup(field: string, value: unknown): string {
  const v = text(field, value);
  if (!SCHED_GROUP.test(v)) throw new BadCommandInput(field, 'not 1 to 64 of [A-Za-z0-9_-]');
  if (DIGITS_ONLY.test(v))
    throw new BadCommandInput(field, 'digits only, which sched_del reads as a task id');
  if (ANY_CASE_UUID.test(v))
    throw new BadCommandInput(field, "a bare UUID, FreeSWITCH's group for a channel's own scheduled tasks");
  return v;
}

export function checkPath(field: string, value: unknown): string {
  const v = text(field, value);
  if (v.length > LIMITS.pathLength || !PATH.test(v))
    throw new BadCommandInput(field, 'not a safe absolute path');
  if (v.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new BadCommandInput(field, 'path has a . or .. segment');
  }
  return v;
}

export function checkExtension(field: string, value: unknown): string {
  const v = text(field, value);
  if (!EXTENSION.test(v)) throw new BadCommandInput(field, 'not an extension');
  return v;
}

export function checkDialplan(field: string, value: unknown): string {
  const v = text(field, value);
  if (!DIALPLAN.test(v)) throw new BadCommandInput(field, 'not a dialplan name');
  return v;
}

export function checkContext(field: string, value: unknown): string {
  const v = text(field, value);
  if (!CONTEXT.test(v)) throw new BadCommandInput(field, 'not a context name');
  return v;
}

export function checkAppName(field: string, value: unknown): string {
  const v = text(field, value);
  if (!APP_NAME.test(v)) throw new BadCommandInput(field, 'not an application name');
  return v;
}

export function checkInlineArg(field: string, value: unknown): string {
  const v = text(field, value);
  if (v.length > LIMITS.inlineArgLength || !INLINE_ARG.test(v)) {
    throw new BadCommandInput(
      field,
      'inline argument has a character outside [A-Za-z0-9_./@:+=,{}<>#*!?%-] or is too long',
    );
  }
  return v;
}

/** A channel-variable value: 1 to 256 characters of the VALUE set. Returned unchanged. */
export function checkValue(field: string, value: unknown): string {
  const v = text(field, value);
  if (v.length === 0) throw new BadCommandInput(field, 'empty value');
  if (v.length > LIMITS.valueLength)
    throw new BadCommandInput(field, `longer than ${LIMITS.valueLength} characters`);
  if (!VALUE.test(v))
    throw new BadCommandInput(field, 'has a character that could end the block or the command');
  return v;
}
