import { findLine } from '../config/config-lookup.js';
import type { Config } from '../config/config-schema.js';
import type { Employee } from '../config/employee-schema.js';
import { CallfwdError } from '../errors/callfwd-error.js';
import { isOpen } from '../schedule/is-open.js';
import { dialledDigits, sanitizeDigits } from '../values/dialled-digits.js';
import { toDialDigits } from '../values/e164.js';
import type { Trigger } from './trigger.js';
import { hoursOf } from './trigger-hours.js';
import { triggerForDisposition } from './trigger-for-disposition.js';

export interface DecideForwardInput {
  config: Config;
  /** The PBX connection the call came in on (`callfwd_connection`). */
  connection: string;
  /** The dialled number as received: digits or +digits. */
  dialled: string;
  /** The channel's `originate_disposition` after the desk phone was tried, if any. */
  disposition: string | undefined;
  /** The channel carries callfwd_parent or callfwd_forwarded, or is outbound. */
  isForwardLeg: boolean;
  /** A forward already exists for this call. */
  alreadyForwarded: boolean;
  /**
   * The time of the decision (ms since the epoch), for working hours (rule 10). Needed only when
   * the employee's `when` limits a trigger to inside or outside hours; throws BAD_INPUT then without it.
   */
  now?: number;
}

export type NoForwardReason =
  | 'loop_guard_forward_leg'
  | 'loop_guard_already_forwarded'
  | 'unknown_connection'
  | 'no_employee'
  | 'trigger_not_enabled'
  | 'disposition_not_forwardable'
  | 'outside_trigger_hours';

export type ForwardDecision =
  | { forward: true; employee: Employee; trigger: Trigger }
  | { forward: false; reason: NoForwardReason; detail: string };

function findEmployee(config: Config, connection: string, digits: string): Employee | undefined {
  return config.employees.find(
    (employee) =>
      employee.connection === connection && employee.extensions.some((ext) => toDialDigits(ext) === digits),
  );
}

/** Whether each trigger applies at `now` given the employee's working hours, and why not. */
function triggerHoursCheck(employee: Employee, now: number | undefined) {
  return (trigger: Trigger): { applies: boolean; detail: string } => {
    const hours = hoursOf(employee.when, trigger);
    if (hours === 'always') return { applies: true, detail: '' };
    const schedule = employee.schedule;
    if (schedule === undefined) {
      throw new CallfwdError('BAD_INPUT', `decideForward: ${employee.id} limits ${trigger} to hours but has no schedule`);
    }
    if (now === undefined || !Number.isFinite(now)) {
      throw new CallfwdError('BAD_INPUT', `decideForward: ${employee.id} has working hours; the decision needs now`);
    }
    const open = isOpen(schedule, now);
    const applies = hours === 'inside' ? open : !open;
    return {
      applies,
      detail: `${employee.id} forwards on ${trigger} only ${hours} working hours (${schedule.timeZone}); it is ${open ? 'inside' : 'outside'} them now`,
    };
  };
}

/**
 * Whether a parked call is forwarded, and on which trigger. The loop guard comes first: a
 * forward leg, or a call already forwarded, is never forwarded again. A trigger limited to inside
 * or outside working hours (rule 10) applies only then: `always` off hours falls back to the
 * desk-phone triggers.
 */
export function decideForward(input: DecideForwardInput): ForwardDecision {
  const { config, connection } = input;
  if (input.isForwardLeg) {
    return {
      forward: false,
      reason: 'loop_guard_forward_leg',
      detail: 'the channel is itself a forward leg',
    };
  }
  if (input.alreadyForwarded) {
    return {
      forward: false,
      reason: 'loop_guard_already_forwarded',
      detail: 'this call has been forwarded already',
    };
  }
  if (findLine(config, connection) === undefined) {
    return { forward: false, reason: 'unknown_connection', detail: `no line "${connection}" in the config` };
  }
  const digits = dialledDigits(input.dialled);
  const employee = digits === null ? undefined : findEmployee(config, connection, digits);
  if (employee === undefined) {
    return {
      forward: false,
      reason: 'no_employee',
      detail: `no employee on ${connection} has the extension ${sanitizeDigits(input.dialled) || '(none)'}`,
    };
  }
  const hours = triggerHoursCheck(employee, input.now);
  if (employee.triggers.includes('always') && hours('always').applies) return { forward: true, employee, trigger: 'always' };

  const reading = triggerForDisposition(input.disposition);
  switch (reading.kind) {
    case 'none':
      if (employee.triggers.includes('always')) {
        return { forward: false, reason: 'outside_trigger_hours', detail: hours('always').detail };
      }
      return {
        forward: false,
        reason: 'trigger_not_enabled',
        detail: `no desk-phone result, which forwards only on "always"; ${employee.id} has ${employee.triggers.join(', ')}`,
      };
    case 'not_forwardable':
      return {
        forward: false,
        reason: 'disposition_not_forwardable',
        detail: `desk-phone result ${reading.cause.replace(/[^A-Z0-9_]/g, '').slice(0, 64)} is not a reason to forward`,
      };
    case 'trigger':
      if (employee.triggers.includes(reading.trigger)) {
        const check = hours(reading.trigger);
        if (check.applies) return { forward: true, employee, trigger: reading.trigger };
        return { forward: false, reason: 'outside_trigger_hours', detail: check.detail };
      }
      return {
        forward: false,
        reason: 'trigger_not_enabled',
        detail: `${employee.id} does not forward on ${reading.trigger} (has ${employee.triggers.join(', ')})`,
      };
  }
}
