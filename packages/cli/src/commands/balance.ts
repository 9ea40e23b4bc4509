import { findAccount } from '@callfwd/domain';
import { createLedger } from '@callfwd/store';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, IdArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatMoney } from '../output/format-money.js';
import { formatTable } from '../output/format-table.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';
import { recordsDbOf, withRecordsDb } from '../run/records-db.js';

const HELP = `usage: callfwd balance [ACCOUNT] [--config FILE] [--json]

The balance of every account (or one): money on it, what open calls hold, what is available (the
live balance, in Redis). With PostgreSQL (a postgres section in the config or DATABASE_URL) also
the balance of record: the opening balance plus the journal (every charge, top-up, adjustment).
Amounts are integer minor units (cents, grosze); the table also shows them formatted.

  ACCOUNT         one account id (default: every account in the config)
${CONFIG_HELP}
  --json          print [{account, currency, balance, reserved, available, ofRecord}] as JSON
                  (ofRecord null without PostgreSQL)

${EXIT_HELP}`;

const Args = z.object({ ...configArgs, account: IdArg.optional(), json: z.boolean().optional() });

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { options: { ...CONFIG_OPTIONS, json: { type: 'boolean' } }, positionals: ['ACCOUNT'], schema: Args });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd balance: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    if (args.account !== undefined && findAccount(config, args.account) === undefined) {
      writeErr(`callfwd balance: ACCOUNT: there is no account "${args.account}" in the config`);
      return EXIT.badInput;
    }
    const ledger = createLedger(redis, config.redis.prefix);
    const accounts = config.accounts.filter((a) => args.account === undefined || a.id === args.account);
    const live = await Promise.all(
      accounts.map(async (account) => {
        // The opening balance applies once, when Redis first sees the account (as the worker does).
        await ledger.ensureAccount(account.id, account.openingBalance);
        return { account: account.id, name: account.name ?? null, currency: account.currency, ...(await ledger.getBalance(account.id)) };
      }),
    );
    const db = recordsDbOf(config, { max: 1 });
    const ofRecord: (number | null)[] =
      db === null
        ? accounts.map(() => null)
        : await withRecordsDb(db, (d) => Promise.all(accounts.map(async (a) => (await d.balanceOfRecord(a.id, a.openingBalance)).balance)));
    const rows = live.map((row, i) => ({ ...row, ofRecord: ofRecord[i] ?? null }));
    if (args.json === true) return (writeJson(rows), EXIT.ok);
    writeOut(formatTable(rows, [
      { header: 'account', value: (r) => r.account },
      { header: 'name', value: (r) => r.name },
      { header: 'balance', value: (r) => r.balance, right: true },
      { header: 'reserved', value: (r) => r.reserved, right: true },
      { header: 'available', value: (r) => r.available, right: true },
      { header: 'formatted', value: (r) => formatMoney(r.balance, r.currency), right: true },
      ...(db === null ? [] : [{ header: 'of record', value: (r: (typeof rows)[number]) => r.ofRecord, right: true }]),
    ]));
    return EXIT.ok;
  });
}

export const balanceCommand: Command = {
  name: 'balance',
  summary: 'balances of the accounts that pay for forwarded calls',
  help: HELP,
  run,
};
