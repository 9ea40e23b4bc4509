import { readLiveConfig } from '@callfwd/api';
import { createEmployeeStore, createLineStore, createSettingsStore } from '@callfwd/store';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { summarizeConnections } from '../config/summarize-config.js';
import { formatTable } from '../output/format-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';

const HELP = `usage: callfwd connections [--config FILE] [--json]

Every PBX connection's effective forward-via line and why: configured (forwardVia in the config),
runtime_override (set with set-forward-via, who and when), or default_main (unset: the main number).

${CONFIG_HELP}
  --json          print the connections as JSON

${EXIT_HELP}`;

const Args = z.object({ ...configArgs, json: z.boolean().optional() });

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { options: { ...CONFIG_OPTIONS, json: { type: 'boolean' } }, schema: Args });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd connections: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const settings = createSettingsStore(redis, config.redis.prefix);
    const lines = createLineStore(redis, config.redis.prefix);
    const employees = createEmployeeStore(redis, config.redis.prefix);
    // The live lines (callfwd lines, the API) with the run-time overrides.
    const [live, changes] = await Promise.all([readLiveConfig({ config, lines, employees, settings }), settings.getForwardViaChanges()]);
    const rows = summarizeConnections(live.config, live.overrides).map((row) => {
      const change = changes[row.connection];
      const changed = row.reason === 'runtime_override' && change !== undefined ? { changedBy: change.by, changedAt: new Date(change.at).toISOString() } : {};
      return { ...row, ...changed };
    });
    if (args.json === true) return (writeJson(rows), EXIT.ok);
    writeOut(formatTable(rows, [
      { header: 'connection', value: (r) => r.connection },
      { header: 'number', value: (r) => r.number },
      { header: 'via', value: (r) => r.via },
      { header: 'via number', value: (r) => r.viaNumber },
      { header: 'paid by', value: (r) => r.viaAccount },
      { header: 'reason', value: (r) => r.reason },
      { header: 'why', value: (r) => ('changedBy' in r ? `${r.explanation} (by ${r.changedBy ?? 'unknown'} at ${r.changedAt})` : r.explanation) },
    ]));
    return EXIT.ok;
  });
}

export const connectionsCommand: Command = {
  name: 'connections',
  summary: "each PBX connection's effective forward-via and why",
  help: HELP,
  run,
};
