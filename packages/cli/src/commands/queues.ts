import { createForwardDocStore, createQueues } from '@callfwd/store';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';

const HELP = `usage: callfwd queues [--config FILE] [--json]

The job queues, one forward queue per FreeSWITCH node (the events of its forwards, and its timers once due): jobs
waiting, active, delayed (retrying after a backoff), failed (kept 7 days, at most 50 000) and completed (kept 1 h, at
most 10 000); and timers, the forwards' timers scheduled on the node and not yet due (ring and bridge timeouts, credit
renewals, deadlines), which become jobs when they are.

${CONFIG_HELP}
  --json          print [{node, queue, waiting, active, delayed, failed, completed, timers}] as JSON

${EXIT_HELP}`;

const Args = z.object({ ...configArgs, json: z.boolean().optional() });

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { options: { ...CONFIG_OPTIONS, json: { type: 'boolean' } }, schema: Args });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd queues: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const queues = createQueues(redis, { prefix: config.redis.prefix, nodeIds: config.nodes.map((n) => n.id) });
    try {
      const docs = createForwardDocStore(redis, config.redis.prefix);
      const counts = await Promise.all((await queues.queueCounts()).map(async (c) => ({ ...c, timers: await docs.countTimers(c.node) })));
      if (args.json === true) return (writeJson(counts), EXIT.ok);
      writeOut(formatTable(counts, [
        { header: 'node', value: (c) => c.node },
        { header: 'queue', value: (c) => c.queue },
        { header: 'waiting', value: (c) => c.waiting, right: true },
        { header: 'active', value: (c) => c.active, right: true },
        { header: 'delayed', value: (c) => c.delayed, right: true },
        { header: 'failed', value: (c) => c.failed, right: true },
        { header: 'completed', value: (c) => c.completed, right: true },
        { header: 'timers', value: (c) => c.timers, right: true },
      ]));
      return EXIT.ok;
    } finally {
      await queues.close();
    }
  });
}

export const queuesCommand: Command = {
  name: 'queues',
  summary: 'jobs waiting/active/delayed/failed and timers per node queue',
  help: HELP,
  run,
};
