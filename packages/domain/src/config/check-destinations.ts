import { employeeSteps } from '../forwarding/employee-steps.js';
import { checkDestination } from '../limits/check-destination.js';
import type { Account } from './account-schema.js';
import type { ConfigProblem } from './config-problem.js';
import type { Employee } from './employee-schema.js';
import type { Line } from './line-schema.js';
import type { WorkerConfig } from './worker-schema.js';

interface ForwardingParts {
  accounts: readonly Account[];
  lines: readonly Line[];
  employees: readonly Employee[];
  worker: Pick<WorkerConfig, 'originateTimeoutSeconds'>;
}

/** The account that pays for a connection's forwards as configured (no run-time override, no failover). */
function payingAccount(parts: ForwardingParts, connectionId: string): Account | undefined {
  const connection = parts.lines.find((l) => l.id === connectionId);
  if (connection === undefined) return undefined;
  const via =
    connection.kind !== 'pbx'
      ? connection
      : connection.forwardVia !== undefined
        ? parts.lines.find((l) => l.id === connection.forwardVia)
        : parts.lines.find((l) => l.kind === 'main');
  return via === undefined ? undefined : parts.accounts.find((a) => a.id === via.account);
}

/**
 * Warnings, not refusals: employees none of whose numbers the paying account's destination rules
 * allow (rule 11), so they are never forwarded while the config stands. An operator may mean it
 * (a country shut off during a fraud wave), so the config still loads.
 */
export function destinationWarnings(parts: ForwardingParts): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  parts.employees.forEach((employee, index) => {
    const account = payingAccount(parts, employee.connection);
    if (account === undefined) return;
    const numbers = employeeSteps(employee, parts.worker).flatMap((step) => step.targets.map((t) => t.number));
    const checks = numbers.map((number) => checkDestination(account, number));
    if (checks.some((c) => c.ok)) return;
    warnings.push({
      path: `employees[${index}].${employee.steps === undefined ? 'target' : 'steps'}`,
      message:
        `never forwarded: account ${account.id} refuses every number of ${employee.id} ` +
        `(${checks.map((c, i) => `${numbers[i] ?? ''} ${c.ok ? 'allowed' : c.reason}`).join(', ')}); allow a prefix in accounts[].limits.destinations.allow`,
    });
  });
  return warnings;
}
