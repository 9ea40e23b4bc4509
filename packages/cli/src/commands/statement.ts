import { OUTCOMES, parseCallRecord, type CallRecord } from '@callfwd/domain';
import { createCallRecordStore } from '@callfwd/store';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, IdArg, IsoTimeArg, wholeNumberArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatStatement } from '../output/statement-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';

const HELP = `usage: callfwd statement [--from TIME] [--to TIME] [--account ID] [--outcome OUTCOME] [--limit N] [--config FILE] [--json]

The detailed statement: one record per forwarded call, newest first. Caller, employee, target, via
line, caller ID presented and why, times, billed seconds, cost, paying account, outcome, hangup
cause and recording.

  --from TIME        only calls started at or after TIME (ISO 8601, e.g. 2025-11-25T08:00:00Z)
  --to TIME          only calls started at or before TIME
  --account ID       only calls paid by this account
  --outcome OUTCOME  ${OUTCOMES.join(' | ')}
  --limit N          at most N records, 1-10000 (default 100)
${CONFIG_HELP}
  --json             print the records as a JSON array

${EXIT_HELP}`;

const Args = z
  .object({
    ...configArgs,
    from: IsoTimeArg.optional(),
    to: IsoTimeArg.optional(),
    account: IdArg.optional(),
    outcome: z.enum(OUTCOMES, { error: `must be one of ${OUTCOMES.join(', ')}` }).optional(),
    limit: wholeNumberArg(1, 10_000).optional(),
    json: z.boolean().optional(),
  })
  .refine((args) => args.from === undefined || args.to === undefined || args.from <= args.to, { path: ['to'], message: 'must not be before --from' });

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: {
      ...CONFIG_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      account: { type: 'string' },
      outcome: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd statement: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const store = createCallRecordStore(redis, config.redis.prefix);
    const stored = await store.list({
      ...(args.from === undefined ? {} : { from: args.from }),
      ...(args.to === undefined ? {} : { to: args.to }),
      ...(args.account === undefined ? {} : { account: args.account }),
      ...(args.outcome === undefined ? {} : { outcome: args.outcome }),
      limit: args.limit ?? 100,
    });
    const records: CallRecord[] = [];
    for (const doc of stored) {
      const checked = parseCallRecord(doc);
      if (checked.ok) records.push(checked.record);
      else writeErr(`callfwd statement: record ${doc.callUuid} does not fit the schema (${checked.error}); skipped`);
    }
    if (args.json === true) return (writeJson(records), EXIT.ok);
    writeOut(records.length === 0 ? 'no forwarded calls match' : formatStatement(records));
    return EXIT.ok;
  });
}

export const statementCommand: Command = {
  name: 'statement',
  summary: 'the detailed statement: one record per forwarded call',
  help: HELP,
  run,
};
