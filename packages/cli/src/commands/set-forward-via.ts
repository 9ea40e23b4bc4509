import { userInfo } from 'node:os';
import { z } from 'zod';
import { changeForwardVia } from '../actions/change-forward-via.js';
import { CONFIG_OPTIONS, configArgs, IdArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';

const HELP = `usage: callfwd set-forward-via CONNECTION LINE [--config FILE] [--json]
       callfwd set-forward-via CONNECTION --clear [--config FILE] [--json]

Sets the line a PBX connection's forwarded calls leave through (a run-time override kept in Redis;
workers use it from the next call), or clears it so the configured forwardVia (or the main number)
applies again. Only PBX connections have a forward-via: on any other line (a rented number, ...)
it is refused, exit 2, and nothing changes.

  CONNECTION      a PBX connection (a line of kind pbx)
  LINE            the main number, a connected or rented number, or another PBX
  --clear         remove the run-time override
${CONFIG_HELP}
  --json          print the result as JSON

${EXIT_HELP}`;

const Args = z
  .object({ ...configArgs, connection: IdArg, line: IdArg.optional(), clear: z.boolean().optional(), json: z.boolean().optional() })
  .superRefine((args, ctx) => {
    if (args.clear === true && args.line !== undefined) ctx.addIssue({ code: 'custom', path: ['clear'], message: 'give LINE or --clear, not both' });
    if (args.clear !== true && args.line === undefined) ctx.addIssue({ code: 'custom', path: ['line'], message: 'is required (or --clear)' });
  });

function whoAmI(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, clear: { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: ['CONNECTION', 'LINE'],
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd set-forward-via: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const result = await changeForwardVia(config, redis, args.connection, args.line ?? null, whoAmI());
    if (!result.ok) {
      if (args.json === true) writeJson(result);
      writeErr(`callfwd set-forward-via: ${result.message}`);
      return EXIT.badInput;
    }
    if (args.json === true) return (writeJson(result), EXIT.ok);
    writeOut(`${result.explanation} [${result.reason}]`);
    return EXIT.ok;
  });
}

export const setForwardViaCommand: Command = {
  name: 'set-forward-via',
  summary: "change (or --clear) a PBX connection's forward-via line",
  help: HELP,
  run,
};
