import { MAX_PAGE, type RecordingRow, type RecordsDb } from '@callfwd/records';
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
import { recordsDbOf, withRecordsDb } from '../run/records-db.js';

const HELP = `usage: callfwd recordings [--account ID] [--limit N] [--cursor C] [--config FILE] [--json]

The recordings list, newest first: the recorded forwards (accounts with recordAllCalls on; a
recording starts when the target answers) and where FreeSWITCH wrote each file, on the node.
Read from PostgreSQL when the config has a postgres section (or DATABASE_URL is set), else Redis.

  --account ID    only recordings of calls paid by this account
  --limit N       at most N, 1-10000 (default 100)
  --cursor C      the next page: the cursor the previous page printed on stderr (PostgreSQL)
${CONFIG_HELP}
  --json          print [{callUuid, file, account, startedAt, seconds}] as JSON

${EXIT_HELP}`;

const Args = z.object({
  ...configArgs,
  account: IdArg.optional(),
  limit: wholeNumberArg(1, 10_000).optional(),
  cursor: z.string().min(1).max(512).optional(),
  json: z.boolean().optional(),
});

/** Newest first, page after page until the limit; the cursor of what is left. */
async function fromPostgres(db: RecordsDb, account: string | undefined, limit: number, first: string | null): Promise<{ rows: RecordingRow[]; next: string | null }> {
  const rows: RecordingRow[] = [];
  let cursor = first;
  do {
    const page = await db.recordings(account === undefined ? {} : { account }, { limit: Math.min(MAX_PAGE, limit - rows.length), cursor });
    rows.push(...page.rows);
    cursor = page.next;
  } while (cursor !== null && rows.length < limit);
  return { rows, next: cursor };
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, account: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' }, json: { type: 'boolean' } },
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd recordings: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const db = recordsDbOf(config, { max: 1 });
    if (db === null && args.cursor !== undefined) {
      writeErr('callfwd recordings: --cursor needs PostgreSQL (a postgres section in the config or DATABASE_URL)');
      return EXIT.badInput;
    }
    const limit = args.limit ?? 100;
    const { rows: recordings, next } =
      db === null
        ? { rows: await createRecordingStore(redis, config.redis.prefix).list({ ...(args.account === undefined ? {} : { account: args.account }), limit }), next: null }
        : await withRecordsDb(db, (d) => fromPostgres(d, args.account, limit, args.cursor ?? null));
    if (next !== null) writeErr(`callfwd recordings: more recordings: --cursor ${next}`);
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
