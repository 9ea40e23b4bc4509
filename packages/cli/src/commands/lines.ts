import { checkLineChange, readLiveConfig, type LineChange } from '@callfwd/api';
import { LineSchema, type Config, type Line } from '@callfwd/domain';
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

const HELP = `usage: callfwd lines list [--config FILE] [--json]
       callfwd lines set ID (--file FILE | --json-body TEXT) [--config FILE] [--json]
       callfwd lines remove ID [--config FILE] [--json]

The live lines a forwarded call can leave through. The config file seeds them (the first time
callfwd runs, or here when nothing has yet); from then on the live set in Redis is what the workers
and the API use, changed here or by the API (PUT/DELETE /v1/lines/ID), with no restart. Each change
is kept in the change history with who made it (cli:<user>).

  list            the live lines
  set ID          create or replace line ID from a line as the config file writes one (YAML or
                  JSON; its id must be ID), checked by the same rules as the API: the line schema
                  and the config's cross-checks on the live set (one main line, a known account,
                  no number twice, forward-via and failover to live lines)
  remove ID       remove line ID, unless an employee, a connection's forward-via (configured or
                  changed at run time), a failover or the main line role still needs it
  --file FILE     the line, YAML or JSON ('-' reads standard input)
  --json-body TEXT  the line as JSON text
${CONFIG_HELP}
  --json          print the result as JSON

${EXIT_HELP} A refused change is exit 2, and nothing changes.`;

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
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'set needs --file FILE or --json-body TEXT (one of them)' });
    if (args.subcommand !== 'set' && bodies !== 0)
      ctx.addIssue({ code: 'custom', path: ['file'], message: `${args.subcommand} takes no line` });
  });
type Args = z.output<typeof Args>;

const COLUMNS = [
  { header: 'id', value: (l: Line) => l.id },
  { header: 'kind', value: (l: Line) => l.kind },
  { header: 'number', value: (l: Line) => l.number },
  { header: 'dial', value: (l: Line) => l.dial },
  { header: 'account', value: (l: Line) => l.account },
  { header: 'forward via', value: (l: Line) => l.forwardVia },
  { header: 'failover', value: (l: Line) => l.failover.join(' ') },
];

function refused(message: string): number {
  writeErr(`callfwd lines: refused: ${message}`);
  return EXIT.badInput;
}

async function runSubcommand(args: Args, config: Config, redis: Redis | Cluster): Promise<number> {
  const prefix = config.redis.prefix;
  const lines = createLineStore(redis, prefix);
  // As `callfwd run` does: the config file seeds the live set once; later changes are kept.
  await lines.seed(config.lines);
  const sources = { config, lines, employees: createEmployeeStore(redis, prefix), settings: createSettingsStore(redis, prefix) };
  if (args.subcommand === 'list') {
    const list = await lines.list();
    if (args.json === true) writeJson(list);
    else writeOut(formatTable(list, COLUMNS));
    return EXIT.ok;
  }
  const id = args.id ?? '';
  let change: LineChange;
  if (args.subcommand === 'remove') {
    change = { remove: id };
  } else {
    const input = await readItemInput(args, 'line');
    if (!input.ok) return (writeErr(`callfwd lines: ${input.message}`), EXIT.badInput);
    const parsed = LineSchema.safeParse(input.value);
    if (!parsed.success) return refused(`${describeIssues(parsed.error)}. Nothing changed.`);
    if (parsed.data.id !== id)
      return refused(`id: the line says "${parsed.data.id}", the argument "${id}". Nothing changed.`);
    change = { set: parsed.data };
  }
  const live = await readLiveConfig(sources);
  if ('remove' in change && !live.lines.some((l) => l.id === id))
    return (writeErr(`callfwd lines: there is no line "${id}"; nothing changed`), EXIT.badInput);
  const checked = checkLineChange(live, change);
  if (!('lines' in checked)) {
    if (args.json === true) writeJson({ error: checked.message, code: checked.code, field: checked.field });
    return refused(checked.message);
  }
  const changes = createChangeHistory(redis, prefix);
  const by = whoAmI();
  if ('remove' in change) {
    const { previous } = await lines.remove(id);
    if (previous === null) return (writeErr(`callfwd lines: there is no line "${id}"; nothing changed`), EXIT.badInput);
    await changes.record({ kind: 'line', subject: id, by, old: previous, new: null }, Date.now());
    if (args.json === true) writeJson({ removed: previous });
    else writeOut(`line ${id} removed`);
    return EXIT.ok;
  }
  const { previous } = await lines.set(change.set);
  await changes.record({ kind: 'line', subject: id, by, old: previous, new: change.set }, Date.now());
  if (args.json === true) writeJson({ line: change.set, created: previous === null });
  else writeOut(`line ${id} ${previous === null ? 'created' : 'changed'}: ${change.set.kind} ${change.set.number} by ${change.set.dial}, paid by ${change.set.account}`);
  return EXIT.ok;
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, file: { type: 'string' }, 'json-body': { type: 'string' }, json: { type: 'boolean' } },
    positionals: ['SUBCOMMAND', 'ID'],
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd lines: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, (config, redis) => runSubcommand(args, config, redis));
}

export const linesCommand: Command = {
  name: 'lines',
  summary: 'list, set or remove the live lines (no restart; each change kept with who made it)',
  help: HELP,
  run,
};
