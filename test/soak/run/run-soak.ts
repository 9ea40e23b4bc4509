// One soak: a private Redis (AOF), the simulator, two listeners and two workers as real processes,
// the call mix for N minutes with seeded faults; then the settle, the history and the checker.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type Config } from '@callfwd/domain';
import { E2E_ENV } from '../../support/e2e-config.js';
import { startCallfwd, writeConfigFile } from '../../faults/support/callfwd-process.js';
import { startRedisServer } from '../../faults/support/redis-servers.js';
import { checkHistory, type CheckResult } from '../check/check-history.js';
import type { Invariant } from '../check/violation.js';
import type { History, PgView } from '../history/history.js';
import { collectHistory } from './collect-history.js';
import { runFaultSchedule, type FaultEntry } from './fault-scheduler.js';
import { startPostgresServer } from './postgres-server.js';
import { readPostgres } from './read-postgres.js';
import type { SoakArgs } from './soak-args.js';
import { soakConfigInput } from './soak-config.js';
import { startSimProcess } from './sim-process.js';
import { startSoakProcesses } from './soak-processes.js';
import { formatSummary } from './summarize.js';

export interface SoakOutcome {
  readonly result: CheckResult;
  readonly summary: string;
  readonly outDir: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** After the last call ended on the nodes: how long records and charges may take to land. */
const LAND_MS = 60_000;
/** Invariants whose violations may only mean "not landed yet" while the settle goes on. */
const LANDING: readonly Invariant[] = ['one-record', 'no-pending-hold', 'charged-once', 'pg-record-agrees', 'pg-journal', 'pg-balance'];

/** A one-shot `callfwd <args>` (migrate, reconcile): its exit code and its output. */
async function callfwdCommand(args: readonly string[]): Promise<{ code: number | string; output: string }> {
  const proc = startCallfwd(args, E2E_ENV);
  const code = await proc.exited;
  return { code, output: [...proc.stdout, ...proc.stderr].join('\n') };
}

export async function runSoak(args: SoakArgs, say: (line: string) => void): Promise<SoakOutcome> {
  const outDir = args.out ?? mkdtempSync(join(tmpdir(), 'callfwd-soak-'));
  mkdirSync(join(outDir, 'logs'), { recursive: true });
  const redis = await startRedisServer();
  const pgServer = await startPostgresServer().catch(async (err: unknown) => {
    await redis.stop();
    throw err;
  });
  const sim = await startSimProcess().catch(async (err: unknown) => {
    await Promise.all([redis.stop(), pgServer.remove()]);
    throw err;
  });
  const prefix = `soak${randomBytes(4).toString('hex')}`;
  const base = soakConfigInput(sim.ports, redis.url, prefix);
  // The checker reads every forward's document (its plan bounds the caller's wait): ended ones are
  // kept for the whole run and its settle instead of the shipped 5 minutes.
  const worker = { ...base.worker, keepEndedForwardSeconds: Math.ceil(args.minutes * 60) + 900 };
  const input = { ...base, worker, postgres: { url: pgServer.url, poolMax: 4 } };
  const parsed = parseConfig(input, { env: E2E_ENV });
  if (!parsed.ok) throw new Error(`soak config invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const config: Config = parsed.config;
  const file = writeConfigFile(input);
  const faultLog: FaultEntry[] = [];
  let procs: Awaited<ReturnType<typeof startSoakProcesses>> | undefined;
  try {
    say(`soak: seed ${args.seed}, ${args.minutes} min at ${args.cps} calls/s, faults ${args.faults.join(',') || 'none'}; redis :${redis.port}; postgres :${pgServer.port}; out ${outDir}`);
    const migrated = await callfwdCommand(['migrate', '--config', file.path]);
    if (migrated.code !== 0) throw new Error(`callfwd migrate exited ${migrated.code}: ${migrated.output}`);
    say(`postgres: ${migrated.output.trim()}`);
    procs = await startSoakProcesses(file.path);
    const loadMs = args.minutes * 60_000;
    const until = Date.now() + loadMs;
    const load = sim.ask({ type: 'load', cps: args.cps, seconds: loadMs / 1000, seed: args.seed, ringSeconds: args.ring, talkSeconds: args.talk }, 'loaded', loadMs + 120_000);
    const faults = runFaultSchedule(args.faults, args.seed, until, {
      procs,
      redis,
      pg: pgServer,
      sim,
      lockDurationMs: config.worker.lockDurationMs,
      log: (entry) => {
        faultLog.push(entry);
        say(`fault ${new Date(entry.startedAt).toISOString()} +${entry.endedAt - entry.startedAt} ms ${entry.kind} ${entry.target}: ${entry.note}`);
      },
    });
    const [loaded] = await Promise.all([load, faults]);
    say(`load done: ${loaded.placed} calls placed; settling`);
    const settleDeadline = Date.now() + (args.ring[1] + args.talk[1]) * 1000 + 120_000;
    for (;;) {
      const status = await sim.ask({ type: 'status' }, 'status', 10_000);
      if (status.channels === 0 && status.parked === 0) break;
      if (Date.now() > settleDeadline) {
        say(`settle deadline passed with ${status.parked} callers parked and ${status.channels} channels up`);
        break;
      }
      await sleep(1_000);
    }
    let pgNote = '';
    let history: History | undefined;
    let result: CheckResult | undefined;
    const readAndCheck = async (): Promise<{ result: CheckResult; pg: PgView | null }> => {
      const read = readPostgres(pgServer.url, config);
      const pg = read.ok ? read.view : null;
      pgNote = read.ok ? `the soak's own on :${pgServer.port}` : `${read.reason}: PostgreSQL invariants skipped`;
      const seen = await sim.ask({ type: 'collect' }, 'collected', 60_000);
      history = await collectHistory(config, seen, pg);
      result = checkHistory(history);
      return { result, pg };
    };
    // Records and charges land in Redis, then the drain moves them to PostgreSQL: wait for both.
    const landDeadline = Date.now() + LAND_MS;
    for (;;) {
      const checked = await readAndCheck();
      const landing = LANDING.reduce((n, i) => n + checked.result.byInvariant[i], 0) + (checked.pg === null ? 1 : 0);
      if (landing === 0 || Date.now() > landDeadline) break;
      await sleep(3_000);
    }
    // The operator's reconcile (report only: a repair would hide a difference), then the final read.
    const reconciled = await callfwdCommand(['reconcile', '--config', file.path, '--json']);
    writeFileSync(join(outDir, 'reconcile.json'), reconciled.output);
    say(`callfwd reconcile exited ${reconciled.code} (0 every account ok, 3 some differs)`);
    await readAndCheck();
    pgNote = `${pgNote}; callfwd reconcile exit ${reconciled.code}`;
    if (history === undefined || result === undefined) throw new Error('no history read');
    const summary = formatSummary({ history, result, faults: faultLog, placed: loaded.placed, perScenario: loaded.perScenario, seed: args.seed, pgNote });
    const { config: _config, ...data } = history;
    writeFileSync(join(outDir, 'history.json'), JSON.stringify(data));
    writeFileSync(join(outDir, 'faults.json'), JSON.stringify(faultLog, null, 1));
    writeFileSync(join(outDir, 'violations.json'), JSON.stringify(result.violations, null, 1));
    writeFileSync(join(outDir, 'summary.txt'), `${summary}\n`);
    return { result, summary, outDir };
  } finally {
    if (procs !== undefined) {
      await procs.stop().catch(() => undefined);
      for (const { name, proc } of procs.all()) writeFileSync(join(outDir, 'logs', `${name}.log`), [...proc.stdout, ...proc.stderr].join('\n'));
    }
    await sim.stop().catch(() => undefined);
    await redis.stop().catch(() => undefined);
    await pgServer.remove().catch(() => undefined);
    file.remove();
  }
}
