import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE } from './cli/parse-args.js';
import { formatReport } from './report/format-report.js';
import { mixOptionsOf, runBench } from './run/run-bench.js';
import type { PostgresTarget } from './run/run-scenario.js';

export interface MainIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const defaultIo: MainIo = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  env: process.env,
};

/** The repository root: the bench starts its processes from there. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * `callfwd bench`: forwarded calls at a fixed rate through the simulator, the listener and the
 * worker (separate processes), then the two baselines. Exit code 0 held, 1 failed (lost, duplicate or
 * double charge; invalid figures alone do not fail it, the report says so), 2 bad usage.
 */
export async function main(argv: string[], io: MainIo = defaultIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    io.out(USAGE);
    return 2;
  }
  if (parsed.kind === 'error') {
    io.err(`bench: ${parsed.message}\n${USAGE}`);
    return 2;
  }
  const ringEnv = io.env.CALLFWD_BENCH_RING_MS;
  if (ringEnv !== undefined && ringEnv !== '') {
    io.err(`bench: CALLFWD_BENCH_RING_MS is gone: use --mix fast --ring-ms ${ringEnv} (the default realistic mix draws rings from 2 to 20 s)`);
    return 2;
  }
  const redisUrl = io.env.REDIS_URL;
  if (redisUrl === undefined || redisUrl === '') {
    io.err('bench: REDIS_URL is not set; run scripts/bench, which starts a private redis-server');
    return 2;
  }
  const options = parsed.options;
  try {
    mixOptionsOf(parsed.options, io.env);
  } catch (err) {
    io.err(`bench: ${(err as Error).message}`);
    return 2;
  }
  let postgres: PostgresTarget | null = null;
  if (options.postgres) {
    const url = io.env.DATABASE_URL;
    const pid = Number(io.env.CALLFWD_BENCH_PG_PID);
    if (url === undefined || url === '' || !Number.isInteger(pid) || pid <= 0) {
      io.err('bench: --postgres needs DATABASE_URL and CALLFWD_BENCH_PG_PID (the postmaster); run scripts/bench --postgres, which starts a private PostgreSQL');
      return 2;
    }
    postgres = { url, pid };
  }
  const report = await runBench(options, ROOT, redisUrl, (line) => io.err(`[bench] ${line}`), postgres);
  io.out(formatReport(report));
  if (options.json) io.out(JSON.stringify(report));
  return report.held ? 0 : 1;
}
