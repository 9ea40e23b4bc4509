import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { resolveConfigPath } from '../config/default-config-path.js';
import { formatFileProblem, loadConfigFile } from '../config/load-config-file.js';
import { summarizeConfig } from '../config/summarize-config.js';
import { formatTable } from '../output/format-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';

const HELP = `usage: callfwd check-config [--config FILE] [--insecure-dev] [--json]

Validates a config file: YAML syntax (with line:column), then every problem the schema, the
cross-checks and the secrets find, each with its config path and file position. Secrets come from
the environment variables the config names; FreeSWITCH's default password ClueCon is refused
unless --insecure-dev. Needs no Redis.

  --config FILE   default $CALLFWD_CONFIG or /etc/callfwd/callfwd.yaml
  --insecure-dev  accept FreeSWITCH's default password and an open HTTP endpoint (labs only)
  --json          print {ok, file, problems | summary} as JSON

Exit codes: 0 valid (a summary is printed), 2 invalid (every problem is listed).`;

const Args = z.object({ ...configArgs, json: z.boolean().optional() });

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { options: { ...CONFIG_OPTIONS, json: { type: 'boolean' } }, schema: Args });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd check-config: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  const file = resolveConfigPath(args.config, process.env);
  const loaded = await loadConfigFile(file, { env: process.env, insecureDev: args['insecure-dev'] ?? false });
  if (!loaded.ok) {
    if (args.json === true) writeJson({ ok: false, file, kind: loaded.kind, problems: loaded.problems });
    const what = loaded.kind === 'yaml' ? 'is not valid YAML' : loaded.kind === 'unreadable' ? 'cannot be read' : 'has problems';
    writeErr(`${file} ${what} (${loaded.problems.length}):`);
    for (const problem of loaded.problems) writeErr(`  ${formatFileProblem(file, problem)}`);
    return EXIT.badInput;
  }
  const summary = summarizeConfig(loaded.config);
  if (args.json === true) return (writeJson({ ok: true, file, summary }), EXIT.ok);
  writeOut(`${file} is valid.`);
  writeOut(
    `nodes: ${summary.nodes.map((n) => `${n.id} (${n.host}:${n.port})`).join(', ')}; redis: ${summary.redis.mode}, prefix ${summary.redis.prefix}; ` +
      `http: ${summary.http.host}:${summary.http.port}${summary.http.admin ? ' (http token: a write client of the API)' : ''}; employees: ${summary.employees}`,
  );
  writeOut('');
  writeOut(formatTable(summary.lines, [
    { header: 'line', value: (l) => l.id },
    { header: 'kind', value: (l) => l.kind },
    { header: 'number', value: (l) => l.number },
    { header: 'paid by', value: (l) => l.account },
  ]));
  writeOut('');
  writeOut(formatTable(summary.connections, [
    { header: 'connection', value: (c) => c.connection },
    { header: 'forwards via', value: (c) => c.via },
    { header: 'number', value: (c) => c.viaNumber },
    { header: 'why', value: (c) => c.explanation },
  ]));
  writeOut('(run-time overrides live in Redis: see callfwd connections)');
  return EXIT.ok;
}

export const checkConfigCommand: Command = {
  name: 'check-config',
  summary: 'validate a config file and list every problem with its path',
  help: HELP,
  run,
};
