import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, wholeNumberArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { requireConfig } from '../config/require-config.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { recordsDbOf, withRecordsDb } from '../run/records-db.js';

const HELP = `usage: callfwd records prune --older-than DAYS [--dry-run] [--config FILE] [--json]

Retention in PostgreSQL: drops the statement's day partitions (call_records_YYYYMMDD) of the days
before the last DAYS days (UTC), and deletes the leg CDRs received before then. The journal and the
settings history are kept (money and audit). Needs a postgres section in the config or DATABASE_URL.

  --older-than DAYS  whole days to keep, 1-36500
  --dry-run          list what would go, change nothing
${CONFIG_HELP}
  --json             print {partitions, legCdrsDeleted} as JSON

${EXIT_HELP}`;

const Args = z.object({
  ...configArgs,
  action: z.literal('prune', { error: 'must be prune' }),
  'older-than': wholeNumberArg(1, 36_500),
  'dry-run': z.boolean().optional(),
  json: z.boolean().optional(),
});

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, 'older-than': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: ['action'],
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd records: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  const config = await requireConfig(args);
  if (config === null) return EXIT.badInput;
  const db = recordsDbOf(config, { max: 1 });
  if (db === null) {
    writeErr('callfwd records: no PostgreSQL: add a postgres section to the config or set DATABASE_URL');
    return EXIT.badInput;
  }
  try {
    const result = await withRecordsDb(db, (d) => d.prune({ olderThanDays: args['older-than'], dryRun: args['dry-run'] === true }));
    if (args.json === true) return (writeJson(result), EXIT.ok);
    const verb = args['dry-run'] === true ? 'would drop' : 'dropped';
    writeOut(`${verb} ${result.partitions.length} day partitions${result.partitions.length > 0 ? ` (${result.partitions.join(', ')})` : ''}; ${result.legCdrsDeleted} leg CDRs ${args['dry-run'] === true ? 'would be ' : ''}deleted`);
    return EXIT.ok;
  } catch (err) {
    writeErr(`callfwd records: failed: ${(err as Error).message}`);
    return EXIT.failure;
  }
}

export const recordsCommand: Command = {
  name: 'records',
  summary: 'PostgreSQL retention: records prune --older-than DAYS',
  help: HELP,
  run,
};
