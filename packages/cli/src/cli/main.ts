import { balanceCommand } from '../commands/balance.js';
import { benchCommand } from '../commands/bench.js';
import { checkConfigCommand } from '../commands/check-config.js';
import { connectionsCommand } from '../commands/connections.js';
import { demoCommand } from '../commands/demo.js';
import { dialplanCommand } from '../commands/dialplan.js';
import { employeesCommand } from '../commands/employees.js';
import { linesCommand } from '../commands/lines.js';
import { migrateCommand } from '../commands/migrate.js';
import { queuesCommand } from '../commands/queues.js';
import { reconcileCommand } from '../commands/reconcile.js';
import { recordsCommand } from '../commands/records.js';
import { recordingsCommand } from '../commands/recordings.js';
import { runCommand } from '../commands/run.js';
import { setForwardViaCommand } from '../commands/set-forward-via.js';
import { statementCommand } from '../commands/statement.js';
import { topupCommand } from '../commands/topup.js';
import { writeErr, writeOut } from '../output/write-out.js';
import type { Command } from './command.js';
import { EXIT } from './exit-code.js';

/** Every command, in the order `callfwd --help` lists them. */
export const COMMANDS: readonly Command[] = [
  runCommand,
  checkConfigCommand,
  connectionsCommand,
  setForwardViaCommand,
  employeesCommand,
  linesCommand,
  dialplanCommand,
  balanceCommand,
  topupCommand,
  statementCommand,
  recordingsCommand,
  migrateCommand,
  reconcileCommand,
  recordsCommand,
  queuesCommand,
  demoCommand,
  benchCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: callfwd <command> [options]   (callfwd <command> --help for its options)',
    '',
    'commands:',
    ...lines,
    '',
    'exit codes: 0 done, 1 failure (Redis down, ...), 2 bad input (arguments, config)',
  ].join('\n');
}

/** Runs one callfwd command line (without node and the script); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeOut(usage());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    writeErr(`callfwd: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return EXIT.badInput;
  }
  return command.run(rest);
}
