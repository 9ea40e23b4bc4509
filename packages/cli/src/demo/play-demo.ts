import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCallRecord, type CallRecord } from '@callfwd/domain';
import { createCallRecordStore, createLedger, createRecordingStore, type Balance, type Recording } from '@callfwd/store';
import { Redis } from 'ioredis';
import { DEMO_CASES, demoFarEnds, type DemoCase } from './demo-cases.js';
import { DEMO_SECRET_ENV } from './demo-config.js';
import { openDemoPostgres, type DemoPostgres } from './demo-postgres.js';
import { startRunChild, type RunChild } from './run-child.js';
import { startDemoSim, type DemoSim } from './start-demo-sim.js';

export interface DemoOptions {
  redisUrl: string;
  /**
   * PostgreSQL, the system of record (scripts/demo starts a private one): migrated first, the
   * children get it as DATABASE_URL, and the end reads the statement back from it. Default
   * $DATABASE_URL; neither: records stay in Redis only.
   */
  databaseUrl?: string;
  clockRate: number;
  /** The children's logs. */
  logFile: string;
  /** How to start `callfwd` again as a child: node's arguments before the command. */
  cliArgs: readonly string[];
  /** Progress for people (stderr). */
  progress: (line: string) => void;
  /**
   * `--serve`: the worker also serves the API and the console; once every case is done this is
   * called with the result and the console's address, and the demo keeps running (the simulator,
   * the listener, the worker) until it resolves.
   */
  serve?: (result: DemoResult, consoleAt: DemoConsole) => Promise<void>;
}

/** Where the demo's console is, and the token that opens it (the demo config's http token, a write client). */
export interface DemoConsole {
  url: string;
  token: string;
}

export interface DemoCallResult {
  case: string;
  title: string;
  record: CallRecord;
}

export interface DemoBalance extends Balance {
  account: string;
  currency: string;
}

export interface DemoResult {
  calls: DemoCallResult[];
  balances: { before: DemoBalance[]; after: DemoBalance[] };
  recordings: Recording[];
  logFile: string;
  /** With PostgreSQL: the detailed statement of the demo's calls as read back from it, newest first. */
  postgres?: { statement: CallRecord[] };
}

const READY_TIMEOUT_MS = 60_000;
const RECORD_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 20_000;

/**
 * The demo: a simulated two-node cluster in this process, the listener and the worker as separate
 * `callfwd run` processes, one call per case, then the statement, balances and recordings. Leaves
 * nothing running and no keys behind, whether it succeeds or fails.
 */
export async function playDemo(options: DemoOptions): Promise<DemoResult> {
  const directory = await mkdtemp(join(tmpdir(), 'callfwd-demo-'));
  const prefix = `demo${randomBytes(4).toString('hex')}`;
  const logTo = createWriteStream(options.logFile, { flags: 'a' });
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  const children: RunChild[] = [];
  let demo: DemoSim | undefined;
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL === '' ? undefined : process.env.DATABASE_URL);
  let postgres: DemoPostgres | undefined;
  try {
    postgres = databaseUrl === undefined ? undefined : openDemoPostgres(databaseUrl);
    if (postgres !== undefined) {
      const { applied } = await postgres.migrate();
      options.progress(`PostgreSQL migrated (${applied.length === 0 ? 'nothing to apply' : `applied ${applied.join(', ')}`})`);
    }
    demo = await startDemoSim({ clockRate: options.clockRate, farEnds: demoFarEnds(), redisUrl: options.redisUrl, prefix, directory });
    options.progress(`simulated FreeSWITCH nodes fs1 :${demo.sim.node('fs1').port} and fs2 :${demo.sim.node('fs2').port} (clock x${options.clockRate})`);
    for (const role of ['listener', 'worker'] as const) {
      children.push(
        startRunChild({
          args: [
            ...options.cliArgs,
            'run',
            '--config',
            demo.configFile,
            '--role',
            role,
            '--http-port',
            '0',
            ...(role === 'worker' && options.serve !== undefined ? ['--api-port', '0'] : []),
          ],
          env: { ...process.env, ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }), ...demo.secrets },
          logTo,
          name: role,
        }),
      );
    }
    const ready = await Promise.all(children.map((c) => c.ready(READY_TIMEOUT_MS)));
    options.progress(`listener (pid ${String(ready[0]?.pid)}) and worker (pid ${String(ready[1]?.pid)}) are ready`);

    const config = demo.configInput;
    const ledger = createLedger(redis, prefix);
    const readBalances = () =>
      Promise.all(config.accounts.map(async (a) => ({ account: a.id, currency: a.currency, ...(await ledger.getBalance(a.id)) })));
    const before = await readBalances();

    const sim = demo.sim;
    const placed = DEMO_CASES.map((demoCase) => ({ demoCase, uuid: sim.node(demoCase.node).placeCall(demoCase.call).uuid }));
    options.progress(`placed ${placed.length} calls; waiting for their records`);
    const records = createCallRecordStore(redis, prefix);
    const calls = await Promise.all(placed.map(({ demoCase, uuid }) => waitForRecord(records, demoCase, uuid)));
    // A leg is charged by its settle job; wait until no hold is left so "after" is final.
    await waitUntil('every hold released', async () => (await readBalances()).every((b) => b.reserved === 0), RECORD_TIMEOUT_MS);
    const after = await readBalances();
    const recordings = await createRecordingStore(redis, prefix).list({ limit: 100 });
    const result: DemoResult = { calls, balances: { before, after }, recordings, logFile: options.logFile };
    if (postgres !== undefined) {
      options.progress('waiting for the records in PostgreSQL (the worker drains them every second)');
      result.postgres = { statement: await postgres.waitForStatement(calls.map((c) => c.record), RECORD_TIMEOUT_MS) };
    }
    if (options.serve !== undefined) {
      const apiPort = ready[1]?.apiPort;
      if (typeof apiPort !== 'number') throw new Error('the worker did not say which port the API listens on');
      const token = demo.secrets[DEMO_SECRET_ENV.http] ?? '';
      await options.serve(result, { url: `http://127.0.0.1:${String(apiPort)}/`, token });
    }
    return result;
  } finally {
    const codes = await Promise.all(children.map((c) => c.stop(STOP_GRACE_MS)));
    options.progress(`stopped the listener and the worker (exit codes ${codes.join(', ')})`);
    await demo?.sim.stop();
    await postgres?.close().catch(() => undefined);
    await deleteKeys(redis, prefix).catch(() => undefined);
    await redis.quit().catch(() => redis.disconnect());
    await new Promise((resolve) => logTo.end(resolve));
    await rm(directory, { recursive: true, force: true });
  }
}

async function waitForRecord(records: ReturnType<typeof createCallRecordStore>, demoCase: DemoCase, uuid: string): Promise<DemoCallResult> {
  const stored = await waitUntil(`the record of case ${demoCase.id}`, () => records.get(uuid), RECORD_TIMEOUT_MS);
  const checked = parseCallRecord(stored);
  if (!checked.ok) throw new Error(`the record of case ${demoCase.id} does not fit the schema: ${checked.error}`);
  return { case: demoCase.id, title: demoCase.title, record: checked.record };
}

async function waitUntil<T>(what: string, check: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
