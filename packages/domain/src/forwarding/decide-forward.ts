import { findLine } from '../config/config-lookup.js';
import type { Config } from '../config/config-schema.js';
import type { Employee } from '../config/employee-schema.js';
import { dialledDigits, sanitizeDigits } from '../values/dialled-digits.js';
import { toDialDigits } from '../values/e164.js';
import type { Trigger } from './trigger.js';
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
}

export type NoForwardReason =
  | 'loop_guard_forward_leg'
  | 'loop_guard_already_forwarded'
  | 'unknown_connection'
  | 'no_employee'
  | 'trigger_not_enabled'
  | 'disposition_not_forwardable';

export type ForwardDecision =
  | { forward: true; employee: Employee; trigger: Trigger }
  | { forward: false; reason: NoForwardReason; detail: string };

function findEmployee(config: Config, connection: string, digits: string): Employee | undefined {
  return config.employees.find(
    (employee) =>
      employee.connection === connection && employee.extensions.some((ext) => toDialDigits(ext) === digits),
  );
}

/**
 * Whether a parked call is forwarded, and on which trigger. The loop guard comes first: a
 * forward leg, or a call already forwarded, is never forwarded again.
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
  if (employee.triggers.includes('always')) return { forward: true, employee, trigger: 'always' };

  const reading = triggerForDisposition(input.disposition);
  switch (reading.kind) {
    case 'none':
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
        return { forward: true, employee, trigger: reading.trigger };
      }
      return {
        forward: false,
        reason: 'trigger_not_enabled',
        detail: `${employee.id} does not forward on ${reading.trigger} (has ${employee.triggers.join(', ')})`,
      };
  }
}
