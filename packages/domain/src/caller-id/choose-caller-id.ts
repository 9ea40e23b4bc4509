import type { Line } from '../config/line-schema.js';
import type { Trigger } from '../forwarding/trigger.js';
import { dialledDigits, sanitizeDigits } from '../values/dialled-digits.js';
import { toDialDigits } from '../values/e164.js';
import { safeDisplayName } from './safe-display-name.js';

export type DiversionReason = 'unconditional' | 'user-busy' | 'no-answer' | 'unavailable';

export interface ChooseCallerIdInput {
  /** The via line the forwarded leg leaves through. */
  line: Line;
  /** The number the caller dialled (the employee's extension), as received. */
  dialled: string;
  /** The original caller, as received: untrusted. */
  caller: { number: string; name: string };
  trigger: Trigger;
}

export interface CallerIdChoice {
  /** Digits of the via line's number, no `+`. */
  number: string;
  /** The via line's name (or number), made safe as a display name. */
  name: string;
  /** Set only where the via line's provider accepts a Diversion header. */
  diversion: { number: string; reason: DiversionReason } | null;
  /** One line for the call record: what is presented and why. */
  explanation: string;
}

const DIVERSION_REASONS: Readonly<Record<Trigger, DiversionReason>> = Object.freeze({
  always: 'unconditional',
  busy: 'user-busy',
  no_answer: 'no-answer',
  unavailable: 'unavailable',
});

/**
 * Rule 6: the forwarded leg presents the via line's number, because carriers refuse calls
 * that present a third party's number. Where the line allows it, the original called
 * number travels in a Diversion header. Caller-controlled text never reaches a number field.
 */
export function chooseCallerId(input: ChooseCallerIdInput): CallerIdChoice {
  const { line } = input;
  const number = toDialDigits(line.number);
  const name = safeDisplayName(line.name ?? '') || line.number;
  const dialled = dialledDigits(input.dialled);
  const diversion =
    line.diversion && dialled !== null ? { number: dialled, reason: DIVERSION_REASONS[input.trigger] } : null;

  const caller = sanitizeDigits(input.caller.number);
  const original = caller === '' ? 'the withheld caller' : `the caller ${caller}`;
  let explanation =
    `shows the via line ${line.id}'s number ${line.number}: ` +
    "carriers refuse calls presenting a third party's number";
  if (diversion !== null) {
    explanation += `; ${original} is not shown, the called number ${diversion.number} travels in a Diversion header (${diversion.reason})`;
  } else if (line.diversion) {
    explanation += `; no Diversion header: the dialled number is not a plain number`;
  } else {
    explanation += `; ${original} is not shown, and ${line.id} does not accept a Diversion header`;
  }
  return { number, name, diversion, explanation };
}
