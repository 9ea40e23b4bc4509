import type { ConfirmSettings } from '../config/confirm-schema.js';
import type { Employee } from '../config/employee-schema.js';
import type { WorkerConfig } from '../config/worker-schema.js';
import type { E164 } from '../values/e164.js';

/** One number of a follow-me step, with the confirm it asks for (null: none). */
export interface FollowMeTarget {
  number: E164;
  confirm: ConfirmSettings | null;
}

/** One step of a follow-me: its numbers ring at once for `ringSeconds`. */
export interface FollowMeStep {
  targets: FollowMeTarget[];
  ringSeconds: number;
}

/**
 * Rule 8: an employee's follow-me as ordered steps, whichever form the config gives. A single
 * `target` is one step of one number that rings as every forward did before follow-me: the
 * worker's `originateTimeoutSeconds`. A target's own `confirm` wins over the employee's.
 */
export function employeeSteps(
  employee: Pick<Employee, 'target' | 'steps' | 'confirm'>,
  worker: Pick<WorkerConfig, 'originateTimeoutSeconds'>,
): FollowMeStep[] {
  const fallbackConfirm = employee.confirm ?? null;
  if (employee.steps === undefined) {
    return [{ targets: [{ number: employee.target, confirm: fallbackConfirm }], ringSeconds: worker.originateTimeoutSeconds }];
  }
  return employee.steps.map((step) => ({
    ringSeconds: step.ringSeconds,
    targets: step.targets.map((t) => ({ number: t.number, confirm: t.confirm ?? fallbackConfirm })),
  }));
}
