import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { requireConfig } from '../config/require-config.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { recordsDbOf, withRecordsDb } from '../run/records-db.js';

const HELP = `usage: callfwd migrate [--config FILE] [--json]

Applies the PostgreSQL migrations not yet applied (numbered SQL files shipped with callfwd), then
creates the coming days' partitions of the statement. Idempotent, and safe while other processes
migrate too (an advisory lock): \`callfwd run\` does the same at start. Needs a postgres section in
the config or DATABASE_URL.

${CONFIG_HELP}
  --json          print {applied, partitionsCreated} as JSON

${EXIT_HELP}`;

const Args = z.object({ ...configArgs, json: z.boolean().optional() });

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { options: { ...CONFIG_OPTIONS, json: { type: 'boolean' } }, schema: Args });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd migrate: ${parsed.message}`), EXIT.badInput);
  const config = await requireConfig(parsed.args);
  if (config === null) return EXIT.badInput;
  const db = recordsDbOf(config, { max: 1 });
  if (db === null) {
    writeErr('callfwd migrate: no PostgreSQL: add a postgres section to the config or set DATABASE_URL');
    return EXIT.badInput;
  }
  try {
    const result = await withRecordsDb(db, (d) => d.migrate());
    if (parsed.args.json === true) return (writeJson(result), EXIT.ok);
    writeOut(result.applied.length === 0 ? 'the schema is up to date' : `applied ${result.applied.join(', ')}`);
    return EXIT.ok;
  } catch (err) {
    writeErr(`callfwd migrate: failed: ${(err as Error).message}`);
    return EXIT.failure;
  }
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply the PostgreSQL schema migrations (also done by run at start)',
  help: HELP,
  run,
};
