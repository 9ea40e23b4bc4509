import type { Employee } from './employee-schema.js';
import type { ConfigProblem } from './config-problem.js';
import { scheduleNeverOpens } from '../schedule/open-intervals.js';

/**
 * The checks across one parsed employee's fields that its schema cannot make (paths relative to
 * the employee): `target` is the first step's first number, `when` names the employee's triggers
 * and has a schedule to refer to, a schedule opens at some time.
 */
export function checkEmployeeFields(employee: Employee): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const first = employee.steps?.[0]?.targets[0]?.number;
  if (first !== undefined && employee.target !== first) {
    problems.push({
      path: 'target',
      message: `give target or steps, not both: with steps, target may only repeat the first step's first number ${first}`,
    });
  }
  for (const [trigger, hours] of Object.entries(employee.when ?? {})) {
    if (!(employee.triggers as readonly string[]).includes(trigger)) {
      problems.push({ path: `when.${trigger}`, message: `"${trigger}" is not one of the employee's triggers (${employee.triggers.join(', ')})` });
    }
    if (hours !== 'always' && employee.schedule === undefined) {
      problems.push({ path: `when.${trigger}`, message: `"${hours}" working hours needs a schedule` });
    }
  }
  if (employee.schedule !== undefined && scheduleNeverOpens(employee.schedule)) {
    problems.push({
      path: 'schedule',
      message: 'never opens: it has no weekly range and no exception with ranges',
    });
  }
  return problems;
}
