// Runs callfwd's listener or worker from a config file, as `callfwd run --role` does, for as long as
// the CLI's `run` is not there. Logs one JSON line with "msg":"ready" once connected; SIGTERM drains.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseConfig } from '@callfwd/domain';
import { createListener } from '@callfwd/esl-listener';
import { createLogger, createMetrics } from '@callfwd/telemetry';
import { createWorker } from '@callfwd/worker';

interface App {
  readiness(): Record<string, boolean>;
  drain(deadlineMs: number): Promise<{ finished: boolean }>;
}

export async function runRoleMain(argv: readonly string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const file = arg('--config');
  const role = arg('--role') ?? 'all';
  if (file === undefined || !['listener', 'worker', 'all'].includes(role)) {
    process.stderr.write('usage: run-role-main --config FILE --role listener|worker|all\n');
    process.exitCode = 2;
    return;
  }
  const parsed = parseConfig(parse(readFileSync(file, 'utf8')), { env: process.env });
  if (!parsed.ok) {
    process.stderr.write(`${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}\n`);
    process.exitCode = 2;
    return;
  }
  const config = parsed.config;
  const log = createLogger({ role, level: process.env.CALLFWD_LOG_LEVEL ?? 'info' });
  const metrics = createMetrics({ defaultMetrics: false });
  const apps: App[] = [];
  if (role !== 'worker') {
    const listener = createListener({ config, log: log.child({ app: 'listener' }), metrics });
    listener.start();
    apps.push(listener);
  }
  if (role !== 'listener') {
    const worker = createWorker({ config, log: log.child({ app: 'worker' }), metrics });
    await worker.start();
    apps.push(worker);
  }
  const deadline = Date.now() + 30_000;
  while (!apps.every((a) => Object.values(a.readiness()).every(Boolean))) {
    if (Date.now() > deadline) throw new Error('not ready after 30 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // The ready line is written whatever the level, so a bench at --log-level warn still sees it.
  process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), role, pid: process.pid, msg: 'ready' })}\n`);
  process.once('SIGTERM', () => {
    void Promise.all(apps.map((a) => a.drain(config.worker.drainTimeoutMs))).then(() => log.info('stopped'));
  });
}

await runRoleMain(process.argv.slice(2));
