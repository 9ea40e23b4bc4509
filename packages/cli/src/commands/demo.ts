import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { wholeNumberArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { formatConsoleNote, formatDemoReport } from '../demo/demo-report.js';
import { playDemo, type DemoConsole, type DemoResult } from '../demo/play-demo.js';
import { writeErr, writeJson, writeOut } from '../output/write-out.js';

const HELP = `usage: callfwd demo [--json] [--clock-rate N] [--log-file FILE] [--serve]

Plays every case of the product against a simulated two-node FreeSWITCH cluster (in this process),
with the listener and the worker as separate \`callfwd run\` processes and the Redis at $REDIS_URL
(scripts/demo starts a private one). With $DATABASE_URL set (scripts/demo starts a private
PostgreSQL too) it migrates that database, the worker writes the records there, and the end also
prints the detailed statement read back from PostgreSQL. Prints the detailed statement, balances
before and after, and the recordings list; then stops everything and deletes its Redis keys. With --serve the worker also
serves the API and the web console: the demo prints the console's URL and a token, and keeps
everything running until Ctrl-C (SIGINT or SIGTERM).

  --json          print {calls, balances, recordings[, postgres]} as one JSON document (progress on stderr)
  --clock-rate N  simulated seconds per real second, 1-100 (default 30)
  --log-file FILE where the children's logs go (default a new file in the temp directory)
  --serve         keep serving the console (and the API) after the cases, until Ctrl-C

Exit codes: 0 done, 1 failure (a process did not start, a call had no record, ...), 2 bad arguments,
REDIS_URL not set, or DATABASE_URL not a postgres:// URL.`;

const Args = z.object({
  json: z.boolean().optional(),
  'clock-rate': wholeNumberArg(1, 100).optional(),
  'log-file': z.string().min(1).max(4096).optional(),
  serve: z.boolean().optional(),
});

/** Resolves on the first SIGINT or SIGTERM (then the demo stops everything as it would at its end). */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { json: { type: 'boolean' }, 'clock-rate': { type: 'string' }, 'log-file': { type: 'string' }, serve: { type: 'boolean' } },
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd demo: ${parsed.message}`), EXIT.badInput);
  const { args } = parsed;
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl === undefined || !/^rediss?:\/\/\S+$/.test(redisUrl)) {
    writeErr('callfwd demo: REDIS_URL must be set to a redis:// URL (scripts/demo starts a private Redis and sets it)');
    return EXIT.badInput;
  }
  const databaseUrl = process.env.DATABASE_URL === '' ? undefined : process.env.DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
    writeErr('callfwd demo: DATABASE_URL must be a postgres:// URL (or unset: records stay in Redis)');
    return EXIT.badInput;
  }
  const logFile = args['log-file'] ?? join(tmpdir(), `callfwd-demo-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const script = process.argv[1];
  if (script === undefined) throw new Error('callfwd demo: cannot tell how this process was started');
  const report = (result: DemoResult) => {
    if (args.json === true) {
      const postgres = result.postgres === undefined ? {} : { postgres: result.postgres };
      writeJson({ calls: result.calls, balances: result.balances, recordings: result.recordings, ...postgres });
    }
    else writeOut(formatDemoReport(result));
  };
  try {
    const result = await playDemo({
      redisUrl,
      ...(databaseUrl === undefined ? {} : { databaseUrl }),
      clockRate: args['clock-rate'] ?? 30,
      logFile,
      cliArgs: [...process.execArgv, script],
      progress: (line) => writeErr(`[demo] ${line}`),
      ...(args.serve === true
        ? {
            serve: async (played: DemoResult, consoleAt: DemoConsole) => {
              report(played);
              if (args.json === true) writeErr(`[demo] the console: ${consoleAt.url} (token ${consoleAt.token}); Ctrl-C stops`);
              else writeOut(formatConsoleNote(consoleAt));
              await untilInterrupted();
            },
          }
        : {}),
    });
    if (args.serve !== true) report(result);
    return EXIT.ok;
  } catch (err) {
    writeErr(`callfwd demo: failed: ${(err as Error).message} (logs: ${logFile})`);
    return EXIT.failure;
  }
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'play every case against a simulated cluster and print the statement',
  help: HELP,
  run,
};
