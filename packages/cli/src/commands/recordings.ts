import { createRecordingStore } from '@callfwd/store';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, IdArg, wholeNumberArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';

const HELP = `usage: callfwd recordings [--account ID] [--limit N] [--config FILE] [--json]

The recordings list, newest first: the recorded forwards (accounts with recordAllCalls on; a
recording starts when the target answers) and where FreeSWITCH wrote each file, on the node.

  --account ID    only recordings of calls paid by this account
  --limit N       at most N, 1-10000 (default 100)
${CONFIG_HELP}
  --json          print [{callUuid, file, account, startedAt, seconds}] as JSON

${EXIT_HELP}`;

const Args = z.object({ ...configArgs, account: IdArg.optional(), limit: wholeNumberArg(1, 10_000).optional(), json: z.boolean().optional() });

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, account: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd recordings: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const recordings = await createRecordingStore(redis, config.redis.prefix).list({
      ...(args.account === undefined ? {} : { account: args.account }),
      limit: args.limit ?? 100,
    });
    if (args.json === true) return (writeJson(recordings), EXIT.ok);
    if (recordings.length === 0) return (writeOut('no recordings'), EXIT.ok);
    writeOut(formatTable(recordings, [
      { header: 'started', value: (r) => new Date(r.startedAt).toISOString() },
      { header: 'call', value: (r) => r.callUuid },
      { header: 'account', value: (r) => r.account },
      { header: 'seconds', value: (r) => r.seconds, right: true },
      { header: 'file', value: (r) => r.file },
    ]));
    return EXIT.ok;
  });
}

export const recordingsCommand: Command = {
  name: 'recordings',
  summary: 'the recordings list (recorded forwards and their files)',
  help: HELP,
  run,
};
