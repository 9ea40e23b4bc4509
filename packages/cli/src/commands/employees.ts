import { checkEmployee, readLiveConfig } from '@callfwd/api';
import { EmployeeSchema, type Config, type Employee } from '@callfwd/domain';
import { createChangeHistory, createEmployeeStore, createLineStore, createSettingsStore } from '@callfwd/store';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, IdArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { describeIssues, readItemInput, whoAmI } from '../cli/live-set-input.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';

const HELP = `usage: callfwd employees list [--config FILE] [--json]
       callfwd employees set ID (--file FILE | --json-body TEXT) [--config FILE] [--json]
       callfwd employees remove ID [--config FILE] [--json]

The live employees: who forwards where, when and how. The config file seeds them (the first time
callfwd runs, or here when nothing has yet); from then on the live set in Redis is what the workers
and the dialplan use, changed here, by the API (PUT/DELETE /v1/employees/ID) or in the console,
with no restart. Each change is kept in the change history with who made it (cli:<user>).

  list            the live employees
  set ID          create or replace employee ID from an employee as the config file writes one
                  (YAML or JSON; its id must be ID), checked by the same rules as the API: the
                  employee schema, a connection that is a live line, no extension that
                  already reaches another employee
  remove ID       remove employee ID: their calls are no longer forwarded
  --file FILE     the employee, YAML or JSON ('-' reads standard input)
  --json-body TEXT  the employee as JSON text
${CONFIG_HELP}
  --json          print the result as JSON

${EXIT_HELP} A refused employee is exit 2, and nothing changes.`;

const SUBCOMMANDS = ['list', 'set', 'remove'] as const;

const Args = z
  .object({
    ...configArgs,
    subcommand: z.enum(SUBCOMMANDS, { error: `must be one of ${SUBCOMMANDS.join(', ')}` }),
    id: IdArg.optional(),
    file: z.string().min(1).max(4096).optional(),
    'json-body': z
      .string()
      .min(1)
      .max(64 * 1024)
      .optional(),
    json: z.boolean().optional(),
  })
  .superRefine((args, ctx) => {
    if (args.subcommand !== 'list' && args.id === undefined)
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'is required' });
    if (args.subcommand === 'list' && args.id !== undefined)
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'list takes no ID' });
    const bodies = [args.file, args['json-body']].filter((b) => b !== undefined).length;
    if (args.subcommand === 'set' && bodies !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: 'set needs --file FILE or --json-body TEXT (one of them)',
      });
    if (args.subcommand !== 'set' && bodies !== 0)
      ctx.addIssue({ code: 'custom', path: ['file'], message: `${args.subcommand} takes no employee` });
  });
type Args = z.output<typeof Args>;

const COLUMNS = [
  { header: 'id', value: (e: Employee) => e.id },
  { header: 'name', value: (e: Employee) => e.name },
  { header: 'connection', value: (e: Employee) => e.connection },
  { header: 'extensions', value: (e: Employee) => e.extensions.join(' ') },
  { header: 'target', value: (e: Employee) => e.target },
  { header: 'triggers', value: (e: Employee) => e.triggers.join(',') },
  { header: 'no answer s', value: (e: Employee) => e.noAnswerSeconds, right: true },
];

async function runSubcommand(args: Args, config: Config, redis: Redis | Cluster): Promise<number> {
  const employees = createEmployeeStore(redis, config.redis.prefix);
  // As `callfwd run` does: the config file seeds the live set once; later changes are kept.
  await employees.seed(config.employees);
  if (args.subcommand === 'list') {
    const list = await employees.list();
    if (args.json === true) writeJson(list);
    else writeOut(list.length === 0 ? 'no employees' : formatTable(list, COLUMNS));
    return EXIT.ok;
  }
  const id = args.id ?? '';
  const changes = createChangeHistory(redis, config.redis.prefix);
  const by = whoAmI();
  if (args.subcommand === 'remove') {
    const { previous } = await employees.remove(id);
    if (previous === null)
      return (writeErr(`callfwd employees: there is no employee "${id}"; nothing changed`), EXIT.badInput);
    await changes.record({ kind: 'employee', subject: id, by, old: previous, new: null }, Date.now());
    if (args.json === true) writeJson({ removed: previous });
    else
      writeOut(`employee ${id} removed: calls to ${previous.extensions.join(', ')} are no longer forwarded`);
    return EXIT.ok;
  }
  const input = await readItemInput(args, 'employee');
  if (!input.ok) return (writeErr(`callfwd employees: ${input.message}`), EXIT.badInput);
  const parsed = EmployeeSchema.safeParse(input.value);
  if (!parsed.success)
    return (
      writeErr(`callfwd employees: refused: ${describeIssues(parsed.error)}. Nothing changed.`),
      EXIT.badInput
    );
  const employee = parsed.data;
  if (employee.id !== id)
    return (
      writeErr(
        `callfwd employees: refused: id: the employee says "${employee.id}", the argument "${id}". Nothing changed.`,
      ),
      EXIT.badInput
    );
  // Its connection must be a live line (lines change at run time too: callfwd lines).
  const live = await readLiveConfig({
    config,
    lines: createLineStore(redis, config.redis.prefix),
    employees,
    settings: createSettingsStore(redis, config.redis.prefix),
  });
  const refusal = checkEmployee(live.config, employee, await employees.list());
  if (refusal !== undefined) {
    if (args.json === true) writeJson({ error: refusal.message, code: refusal.code, field: refusal.field });
    return (writeErr(`callfwd employees: refused: ${refusal.message}. Nothing changed.`), EXIT.badInput);
  }
  const { previous } = await employees.set(employee);
  await changes.record({ kind: 'employee', subject: id, by, old: previous, new: employee }, Date.now());
  if (args.json === true) writeJson({ employee, created: previous === null });
  else
    writeOut(
      `employee ${id} ${previous === null ? 'created' : 'changed'}: ${employee.extensions.join(', ')} -> ${employee.target} [${employee.triggers.join(',')}]`,
    );
  return EXIT.ok;
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: {
      ...CONFIG_OPTIONS,
      file: { type: 'string' },
      'json-body': { type: 'string' },
      json: { type: 'boolean' },
    },
    positionals: ['SUBCOMMAND', 'ID'],
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd employees: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, (config, redis) => runSubcommand(args, config, redis));
}

export const employeesCommand: Command = {
  name: 'employees',
  summary: 'list, set or remove the live employees (no restart; each change kept with who made it)',
  help: HELP,
  run,
};
