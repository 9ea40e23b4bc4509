import { z } from 'zod';
import { topupAccount } from '../actions/topup-account.js';
import { CONFIG_OPTIONS, configArgs, IdArg, wholeNumberArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { CONFIG_HELP, EXIT_HELP } from '../cli/common-help.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatMoney } from '../output/format-money.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';
import { withConfigAndRedis } from '../redis/with-config-and-redis.js';

const HELP = `usage: callfwd topup ACCOUNT AMOUNT --ref REF [--config FILE] [--json]

Adds AMOUNT (integer minor units: 1000 = 10.00) to an account, once per REF: running it again
with the same REF adds nothing (safe to retry); the same REF with another amount is refused.

  ACCOUNT         an account id from the config
  AMOUNT          whole number of minor units, 1 or more
  --ref REF       the top-up's reference, its idempotency key (1-128 of A-Z a-z 0-9 _ . : -)
${CONFIG_HELP}
  --json          print {applied, account, amount, ref, balance, currency} as JSON

${EXIT_HELP}`;

const Args = z.object({
  ...configArgs,
  account: IdArg,
  amount: wholeNumberArg(1, Number.MAX_SAFE_INTEGER),
  ref: z.string({ error: 'is required' }).regex(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'must be 1-128 letters, digits or _.:-' }),
  json: z.boolean().optional(),
});

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, ref: { type: 'string' }, json: { type: 'boolean' } },
    positionals: ['ACCOUNT', 'AMOUNT'],
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd topup: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  return withConfigAndRedis(args, async (config, redis) => {
    const result = await topupAccount(config, redis, { account: args.account, amount: args.amount, ref: args.ref });
    if (!result.ok) {
      if (args.json === true) writeJson(result);
      writeErr(`callfwd topup: ${result.message}`);
      return EXIT.badInput;
    }
    if (args.json === true) return (writeJson(result), EXIT.ok);
    const what = result.applied ? `added ${result.amount} to ${result.account}` : `ref ${result.ref} was applied before: nothing added to ${result.account}`;
    writeOut(`${what}; balance ${result.balance} (${formatMoney(result.balance, result.currency)})`);
    return EXIT.ok;
  });
}

export const topupCommand: Command = {
  name: 'topup',
  summary: 'add credit to an account, once per --ref',
  help: HELP,
  run,
};
