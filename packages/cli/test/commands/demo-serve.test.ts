import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { CLI_NODE_ARGS, REPO_ROOT, redisUrl } from '../support/cli.js';
import { waitFor } from '../support/demo-stack.js';

interface ServedDemo {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `callfwd demo --serve --json` as a child process: the demo kept running with the API and console. */
function startServedDemo(logFile: string): ServedDemo {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, REDIS_URL: redisUrl() };
  // With PostgreSQL (scripts/test starts one) the worker drains into it and the API reads it.
  if (process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '') env.DATABASE_URL = process.env.DATABASE_URL;
  const child = spawn(process.execPath, [...CLI_NODE_ARGS, 'demo', '--serve', '--json', '--clock-rate', '100', '--log-file', logFile], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

describe('callfwd demo --serve (the demo kept running with the API and the console)', function () {
  this.timeout(90_000);
  const logFile = join(tmpdir(), `callfwd-demo-serve-test-${process.pid}.log`);
  let demo: ServedDemo | undefined;
  let redis: Redis;
  let keysBefore: number;

  before(async () => {
    redis = new Redis(redisUrl());
    keysBefore = (await redis.keys('demo*')).length;
  });
  after(async () => {
    if (demo !== undefined && demo.child.exitCode === null && demo.child.signalCode === null) {
      demo.child.kill('SIGKILL');
      await demo.exited;
    }
    await redis.quit();
    await rm(logFile, { force: true });
  });

  it('serves the API (token-guarded) and the console after the cases, and exits 0 on SIGTERM leaving nothing behind', async () => {
    const served = startServedDemo(logFile);
    demo = served;
    const why = async () => `stderr:\n${served.stderr()}\nlogs:\n${(await readFile(logFile, 'utf8').catch(() => '')).slice(-4000)}`;
    const note = await waitFor(
      'the console note',
      () => {
        if (served.child.exitCode !== null) throw new Error(`the demo exited (${served.child.exitCode}) before serving\n${served.stderr()}`);
        return /the console: (http:\/\/127\.0\.0\.1:\d+\/) \(token (\S+)\)/.exec(served.stderr()) ?? undefined;
      },
      60_000,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await why()}`);
    });
    const [, url = '', token = ''] = note;
    const played = JSON.parse(served.stdout()) as { calls: { case: string; record: { callUuid: string } }[] };
    expect(played.calls.length, 'the cases were played first').to.be.above(5);
    const auth = { headers: { authorization: `Bearer ${token}` } };

    // The API: refused without the token, answered with it.
    expect((await fetch(`${url}v1/connections`)).status).to.equal(401);
    const connections = await fetch(`${url}v1/connections`, auth);
    expect(connections.status).to.equal(200);
    expect(JSON.stringify(await connections.json())).to.include('pbx-b');
    const accounts = await fetch(`${url}v1/accounts`, auth);
    expect(accounts.status).to.equal(200);
    expect(JSON.stringify(await accounts.json())).to.include('provider-k');
    const statement = await fetch(`${url}v1/statement?limit=100`, auth);
    expect(statement.status).to.equal(200);
    const statementText = JSON.stringify(await statement.json());
    for (const call of played.calls) expect(statementText, `the statement lists case ${call.case}`).to.include(call.record.callUuid);
    const employees = await fetch(`${url}v1/employees`, auth);
    expect(employees.status).to.equal(200);
    expect(JSON.stringify(await employees.json())).to.include('iza');

    // The console: its index page, served by the same process.
    const index = await fetch(url);
    expect(index.status).to.equal(200);
    expect(index.headers.get('content-type')).to.match(/text\/html/);
    expect(await index.text()).to.match(/<html/i);

    // Still serving a moment later (it waits for the signal, not for a timer).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(served.child.exitCode).to.equal(null);
    expect((await fetch(`${url}v1/connections`, auth)).status).to.equal(200);

    served.child.kill('SIGTERM');
    const code = await Promise.race([served.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000))]);
    expect(code, await why()).to.equal(0);
    expect(served.stderr()).to.include('stopped the listener and the worker (exit codes 0, 0)');
    await fetch(url).then(
      () => expect.fail('the console still answers after the demo exited'),
      () => undefined,
    );
    expect((await redis.keys('demo*')).length, 'no keys left behind').to.equal(keysBefore);
  });
});
