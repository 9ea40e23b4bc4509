import { DEFAULT_DESK_DIAL, DEFAULT_PARK_TIMEOUT_SECONDS, renderDialplan } from '@callfwd/api';
import { createEmployeeStore } from '@callfwd/store';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, wholeNumberArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { writeErr, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';

const HELP = `usage: callfwd dialplan [--park-timeout SECONDS] [--desk-dial TEMPLATE] [--config FILE]

Prints the FreeSWITCH dialplan of the live employees as an <include> file: the loop guard, then per
employee number the connection tag, the desk phone rung first (call_timeout = noAnswerSeconds,
unless the trigger is always), park_timeout, ring_ready and park without answering. The same
extensions callfwd serves to mod_xml_curl at POST /freeswitch/dialplan; write it on every node as the
fallback (and for nodes without mod_xml_curl), then reloadxml:

  callfwd dialplan > /etc/freeswitch/dialplan/public/00_callfwd.xml && fs_cli -x reloadxml

  --park-timeout SECONDS  the safety net for a call no listener takes (default ${DEFAULT_PARK_TIMEOUT_SECONDS})
  --desk-dial TEMPLATE    the desk phone's dial string, {id} the employee id (default ${DEFAULT_DESK_DIAL})
${CONFIG_HELP}

${EXIT_HELP}`;

const Args = z.object({
  ...configArgs,
  'park-timeout': wholeNumberArg(10, 86_400).optional(),
  'desk-dial': z
    .string()
    .min(1)
    .max(512)
    .regex(/^[^<>&"\r\n]+$/, { message: 'must be a dial string without <, >, &, " or line breaks' })
    .optional(),
});

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, 'park-timeout': { type: 'string' }, 'desk-dial': { type: 'string' } },
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd dialplan: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const employees = createEmployeeStore(redis, config.redis.prefix);
    // As `callfwd run` does: the config file seeds the live set once; later changes are kept.
    await employees.seed(config.employees);
    const xml = renderDialplan(
      await employees.list(),
      { form: 'file' },
      {
        ...(args['park-timeout'] === undefined ? {} : { parkTimeoutSeconds: args['park-timeout'] }),
        ...(args['desk-dial'] === undefined ? {} : { deskDial: args['desk-dial'] }),
      },
    );
    writeOut(xml);
    return EXIT.ok;
  });
}

export const dialplanCommand: Command = {
  name: 'dialplan',
  summary: 'print the FreeSWITCH dialplan of the live employees (the file fallback of mod_xml_curl)',
  help: HELP,
  run,
};
