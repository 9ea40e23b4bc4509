import { parseApiTokens } from '@callfwd/api';
import { createLogger, createMetrics } from '@callfwd/telemetry';
import { z } from 'zod';
import { CONFIG_OPTIONS, configArgs, wholeNumberArg } from '../cli/arg-schemas.js';
import type { Command } from '../cli/command.js';
import { EXIT } from '../cli/exit-code.js';
import { parseCommandArgs } from '../cli/parse-command-args.js';
import { requireConfig } from '../config/require-config.js';
import { writeErr, writeOut } from '../output/write-out.js';
import { createRunProcess, RUN_ROLES } from '../run/create-run-process.js';

const HELP = `usage: callfwd run --role listener|worker|all [--config FILE] [--http-port N] [--log-level LEVEL] [--insecure-dev]

Runs callfwd: the event-socket listener, the worker, or both in one process, with the ops HTTP
server on config.http (/metrics, /healthz, /readyz; changes go through the API: --api-port).
Logs are JSON lines on stdout; the line {"msg":"ready","httpPort":N} says it is serving.

  --role ROLE        listener | worker | all (required)
  --config FILE      default $CALLFWD_CONFIG or /etc/callfwd/callfwd.yaml
  --http-port N      overrides http.port; 0 binds a free port (logged in the ready line)
  --api-port N       serves the API and the console on N (overrides http.apiPort; 0: a free port, in the ready line)
  --log-level LEVEL  trace | debug | info | warn | error (default $CALLFWD_LOG_LEVEL or info)
  --insecure-dev     accept FreeSWITCH's default password (labs only)

SIGTERM or SIGINT drains: no new jobs, no new outbound legs, jobs in flight finish within
worker.drainTimeoutMs; then every connection closes. Exit 0 when drained in time, 1 when the
deadline passed (those jobs are resumed by another worker). A second signal exits at once with 1.
Exit codes: 0 stopped cleanly, 1 failure (start-up failed, Redis down), 2 bad arguments or config.`;

const Args = z.object({
  ...configArgs,
  role: z.enum(RUN_ROLES, { error: 'must be listener, worker or all' }),
  'http-port': wholeNumberArg(0, 65_535).optional(),
  'api-port': wholeNumberArg(0, 65_535).optional(),
  'log-level': z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], { error: 'must be trace, debug, info, warn, error, fatal or silent' }).optional(),
});

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    options: { ...CONFIG_OPTIONS, role: { type: 'string' }, 'http-port': { type: 'string' }, 'api-port': { type: 'string' }, 'log-level': { type: 'string' } },
    schema: Args,
  });
  if (parsed.kind === 'help') return (writeOut(HELP), EXIT.ok);
  if (parsed.kind === 'bad') return (writeErr(`callfwd run: ${parsed.message}`), EXIT.badInput);
  const args = parsed.args;
  const config = await requireConfig(args);
  if (config === null) return EXIT.badInput;

  const level = args['log-level'] ?? process.env.CALLFWD_LOG_LEVEL ?? 'info';
  const log = createLogger({ role: args.role, level });
  const metrics = createMetrics();
  const tokens = parseApiTokens(process.env[config.http.apiTokensEnv], config.http.apiTokensEnv);
  if (!tokens.ok) {
    writeErr(`callfwd run: ${tokens.problems.join('; ')}`);
    return EXIT.badInput;
  }
  const processes = createRunProcess({ config, role: args.role, log, metrics, httpPort: args['http-port'], apiPort: args['api-port'], apiTokens: tokens.tokens });
  const stopWaiting = new AbortController();
  let draining: Promise<number> | undefined;

  const drain = (reason: string): Promise<number> => {
    draining ??= (async () => {
      stopWaiting.abort();
      log.info({ reason, drainTimeoutMs: config.worker.drainTimeoutMs }, 'draining');
      const { finished } = await processes.drain();
      log.info({ finished }, 'stopped');
      return finished ? EXIT.ok : EXIT.failure;
    })();
    return draining;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining !== undefined) {
      log.warn({ signal }, 'second signal: exiting without waiting for the drain');
      process.exit(EXIT.failure);
    }
    void drain(signal).then((code) => process.exit(code));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    const http = await processes.start();
    if (await processes.waitUntilReady(stopWaiting.signal)) {
      log.info({ httpHost: http.host, httpPort: http.port, apiPort: http.apiPort, nodes: config.nodes.map((n) => n.id), pid: process.pid }, 'ready');
    }
  } catch (err) {
    log.fatal({ err }, 'start-up failed');
    await drain('start-up failed');
    return EXIT.failure;
  }
  // Runs until a signal: the signal handler exits the process once drained.
  return new Promise<number>(() => undefined);
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run the listener, the worker, or both, with metrics, health and drain',
  help: HELP,
  run,
};
