import { reconcileLegCdrs } from '@callfwd/records';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, IdArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';
import { recordsDbOf, tariffOf, withRecordsDb } from '../run/records-db.js';
import { runReconcile } from '../run/run-reconcile.js';

const HELP = `usage: callfwd reconcile [ACCOUNT] [--repair] [--config FILE] [--json]

Compares each account's balance of record (PostgreSQL: the opening balance plus the journal) with
its live balance (Redis). First the leg CDRs FreeSWITCH posted are checked against the journal's
charges (a charge that differs from the billed seconds gets an adjustment, an answered leg never
charged gets its charge). Status per account: ok, differs, pending (records still in the outbox:
a difference is expected) or repaired. Without --repair nothing is changed in Redis.

  ACCOUNT         one account id (default: every account in the config)
  --repair        move the live balance to the balance of record (once: a repeat repairs nothing)
${CONFIG_HELP}
  --json          print {legs, accounts: [{account, ofRecord, live, difference, status}]} as JSON

Exit codes: 0 every account ok (or repaired), 3 some account differs, 1 failure, 2 bad input.`;

const Args = z.object({ ...configArgs, account: IdArg.optional(), repair: z.boolean().optional(), json: z.boolean().optional() });

const EXIT_DIFFERS = 3;

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, repair: { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: ['ACCOUNT'],
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd reconcile: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    if (args.account !== undefined && !config.accounts.some((a) => a.id === args.account)) {
      writeErr(`callfwd reconcile: ACCOUNT: there is no account "${args.account}" in the config`);
      return EXIT.badInput;
    }
    const db = recordsDbOf(config, { max: 2 });
    if (db === null) {
      writeErr('callfwd reconcile: no PostgreSQL: add a postgres section to the config or set DATABASE_URL');
      return EXIT.badInput;
    }
    const { legs, accounts } = await withRecordsDb(db, async (d) => ({
      legs: await reconcileLegCdrs({ db: d, tariffFor: tariffOf(config) }),
      accounts: await runReconcile(config, redis, d, { repair: args.repair === true, ...(args.account === undefined ? {} : { accounts: [args.account] }) }),
    }));
    const differs = accounts.some((a) => a.status === 'differs');
    if (args.json === true) {
      writeJson({ legs, accounts: accounts.map((a) => ({ account: a.account, ofRecord: a.ofRecord, live: a.live.balance, difference: a.difference, status: a.status })) });
      return differs ? EXIT_DIFFERS : EXIT.ok;
    }
    writeOut(`leg CDRs: ${legs.checked} checked, ${legs.adjusted} adjusted, ${legs.charged} charged, ${legs.waiting} waiting`);
    writeOut(formatTable(accounts, [
      { header: 'account', value: (a) => a.account },
      { header: 'of record', value: (a) => a.ofRecord, right: true },
      { header: 'live', value: (a) => a.live.balance, right: true },
      { header: 'difference', value: (a) => a.difference, right: true },
      { header: 'status', value: (a) => a.status },
    ]));
    return differs ? EXIT_DIFFERS : EXIT.ok;
  });
}

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'balances of record (PostgreSQL) vs live (Redis); --repair moves the live side',
  help: HELP,
  run,
};
