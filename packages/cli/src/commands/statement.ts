import { OUTCOMES, parseCallRecord, type CallRecord, type Config } from '@callfwd/domain';
import { MAX_PAGE, statementToCsv, type RecordsDb, type StatementFilter } from '@callfwd/records';
import { createCallRecordStore } from '@callfwd/store';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, IdArg, IsoTimeArg, wholeNumberArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatStatement } from '../output/statement-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';
import { recordsDbOf, withRecordsDb } from '../run/records-db.js';

const HELP = `usage: callfwd statement [--from TIME] [--to TIME] [--account ID] [--outcome OUTCOME]
                         [--connection ID] [--employee ID] [--limit N] [--cursor C]
                         [--config FILE] [--json | --csv]

The detailed statement: one record per forwarded call, newest first. Caller, employee, target, via
line, caller ID presented and why, times, billed seconds, cost, paying account, outcome, hangup
cause and recording. Read from PostgreSQL when the config has a postgres section (or DATABASE_URL
is set), else from Redis.

  --from TIME        only calls started at or after TIME (ISO 8601, e.g. 2025-11-25T08:00:00Z)
  --to TIME          only calls started at or before TIME
  --account ID       only calls paid by this account
  --outcome OUTCOME  ${OUTCOMES.join(' | ')}
  --connection ID    only calls to this PBX connection (PostgreSQL)
  --employee ID      only calls forwarded for this employee (PostgreSQL)
  --limit N          at most N records, 1-10000 (default 100)
  --cursor C         the next page: the cursor the previous page printed on stderr (PostgreSQL)
${CONFIG_HELP}
  --json             print the records as a JSON array
  --csv              print CSV: a header row, E.164 numbers, ISO times, minor units and currency

${EXIT_HELP}`;

const Args = z
  .object({
    ...configArgs,
    from: IsoTimeArg.optional(),
    to: IsoTimeArg.optional(),
    account: IdArg.optional(),
    outcome: z.enum(OUTCOMES, { error: `must be one of ${OUTCOMES.join(', ')}` }).optional(),
    connection: IdArg.optional(),
    employee: IdArg.optional(),
    limit: wholeNumberArg(1, 10_000).optional(),
    cursor: z.string().min(1).max(512).optional(),
    json: z.boolean().optional(),
    csv: z.boolean().optional(),
  })
  .refine((args) => args.from === undefined || args.to === undefined || args.from <= args.to, { path: ['to'], message: 'must not be before --from' })
  .refine((args) => args.json !== true || args.csv !== true, { path: ['csv'], message: 'cannot be combined with --json' });

type Args = z.infer<typeof Args>;

/** Newest first from PostgreSQL, page after page until the limit; the cursor of what is left. */
async function fromPostgres(db: RecordsDb, args: Args): Promise<{ records: CallRecord[]; next: string | null }> {
  const filter: StatementFilter = {
    ...(args.from === undefined ? {} : { from: args.from }),
    // --to is inclusive here; the database's `to` is exclusive
    ...(args.to === undefined ? {} : { to: args.to + 1 }),
    ...(args.account === undefined ? {} : { account: args.account }),
    ...(args.outcome === undefined ? {} : { outcome: args.outcome }),
    ...(args.connection === undefined ? {} : { connection: args.connection }),
    ...(args.employee === undefined ? {} : { employee: args.employee }),
  };
  const limit = args.limit ?? 100;
  const records: CallRecord[] = [];
  let cursor: string | null = args.cursor ?? null;
  do {
    const page = await db.statement(filter, { limit: Math.min(MAX_PAGE, limit - records.length), cursor });
    records.push(...page.rows);
    cursor = page.next;
  } while (cursor !== null && records.length < limit);
  return { records, next: cursor };
}

async function fromRedis(config: Config, redis: Redis | Cluster, args: Args): Promise<CallRecord[]> {
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
  return records;
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: {
      ...CONFIG_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      account: { type: 'string' },
      outcome: { type: 'string' },
      connection: { type: 'string' },
      employee: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
    },
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd statement: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const db = recordsDbOf(config, { max: 1 });
    if (db === null && (args.connection !== undefined || args.employee !== undefined || args.cursor !== undefined)) {
      writeErr('callfwd statement: --connection, --employee and --cursor need PostgreSQL (a postgres section in the config or DATABASE_URL)');
      return EXIT.badInput;
    }
    const { records, next } = db === null ? { records: await fromRedis(config, redis, args), next: null } : await withRecordsDb(db, (d) => fromPostgres(d, args));
    if (next !== null) writeErr(`callfwd statement: more records: --cursor ${next}`);
    if (args.csv === true) return (writeOut(statementToCsv(records)), EXIT.ok);
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
