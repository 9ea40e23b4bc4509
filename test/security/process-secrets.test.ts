import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import type { ConfigInput } from '@callfwd/domain';
import { createLedger, createSettingsStore } from '@callfwd/store';
import { startStack, type Stack } from '../support/stack.js';
import { E2E_ENV, TARGETS } from '../support/e2e-config.js';
import { startCallfwd, writeConfigFile, type CallfwdProcess } from '../faults/support/callfwd-process.js';
import { startRedisServer, type RedisServer } from '../faults/support/redis-servers.js';

const SECRETS = {
  ...E2E_ENV,
  CALLFWD_REDIS_PASSWORD: 'redis-Leak-Canary-77',
  CALLFWD_HTTP_TOKEN: 'http-Leak-Canary-88-token',
};

async function admin(port: number, method: string, path: string, body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = token;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('security: a running listener and worker (callfwd run) with every secret set', function () {
  this.timeout(120_000);
  let redis: RedisServer;
  let stack: Stack;
  let client: Redis;
  let config: { path: string; remove(): void };
  let listener: CallfwdProcess;
  let worker: CallfwdProcess;
  let httpPort = 0;
  let apiPort = 0;

  before(async () => {
    redis = await startRedisServer(['--requirepass', SECRETS.CALLFWD_REDIS_PASSWORD]);
    client = new Redis(redis.url, { password: SECRETS.CALLFWD_REDIS_PASSWORD });
    stack = await startStack({ apps: false, clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000 } } });
    const input: ConfigInput = {
      ...stack.configInput,
      redis: { mode: 'standalone', url: redis.url, passwordEnv: 'CALLFWD_REDIS_PASSWORD', prefix: stack.prefix },
      http: { tokenEnv: 'CALLFWD_HTTP_TOKEN' },
    };
    config = writeConfigFile(input);
    // The chattiest level: every frame esl reads or writes, every command.
    listener = startCallfwd(['run', '--config', config.path, '--role', 'listener', '--http-port', '0', '--api-port', '0', '--log-level', 'trace'], SECRETS);
    worker = startCallfwd(['run', '--config', config.path, '--role', 'worker', '--http-port', '0', '--log-level', 'trace'], SECRETS);
    const ready = await listener.waitForReady(60_000);
    await worker.waitForReady(60_000);
    httpPort = Number(ready.httpPort);
    apiPort = Number(ready.apiPort);
  });
  after(async () => {
    await Promise.all([listener, worker].filter(Boolean).map((p) => p.kill('SIGTERM')));
    await client?.quit().catch(() => undefined);
    await stack?.stop();
    await redis?.stop();
    if (redis) rmSync(redis.dir, { recursive: true, force: true });
    config?.remove();
  });

  it('binds the ops HTTP server to loopback when the config does not say otherwise', async () => {
    const ready = listener.logs().find((l) => l.msg === 'ready')!;
    expect(ready.httpHost).to.equal('127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${httpPort}/healthz`)).status).to.equal(200);
  });

  it('changes money and settings only through the API with the bearer token (http.token is a write client); a refused request changes nothing in Redis', async () => {
    const ledger = createLedger(client, stack.prefix);
    const settings = createSettingsStore(client, stack.prefix);
    const before = await ledger.getBalance('platform');
    const token = SECRETS.CALLFWD_HTTP_TOKEN;
    // (`bearer` in lower case and more than one space are the same credentials: RFC 9110, 11.4.)
    const wrong = [undefined, '', `Bearer ${token.slice(0, -1)}`, `Bearer ${token}x`, token, `Basic ${token}`, `Bearer ${token} x`];
    for (const [i, auth] of wrong.entries()) {
      const topup = await admin(apiPort, 'POST', '/v1/accounts/platform/topup', { amount: 5_000, ref: `hack-${i}` }, auth);
      expect(topup.status, `topup with ${String(auth)}`).to.equal(401);
      const via = await admin(apiPort, 'PUT', '/v1/connections/pbx-b/forward-via', { line: 'office' }, auth);
      expect(via.status, `forward-via with ${String(auth)}`).to.equal(401);
    }
    expect(await ledger.getBalance('platform')).to.deep.equal(before);
    expect(await settings.getForwardViaOverrides()).to.deep.equal({});
    // The ops port serves no route that changes anything, token or not.
    const ops = await admin(httpPort, 'POST', '/v1/accounts/platform/topup', { amount: 5_000, ref: 'ops-1' }, `Bearer ${token}`);
    expect(ops.status).to.equal(404);
    expect(await ledger.getBalance('platform')).to.deep.equal(before);

    // The same requests with the token work: the routes are real, the refusals were the guard.
    const ok = await admin(apiPort, 'POST', '/v1/accounts/platform/topup', { amount: 5_000, ref: 'inv-1' }, `Bearer ${token}`);
    expect(ok.status).to.equal(200);
    expect((await ledger.getBalance('platform')).balance).to.equal(before.balance + 5_000);
    const via = await admin(apiPort, 'PUT', '/v1/connections/pbx-b/forward-via', { line: 'office' }, `Bearer ${token}`);
    expect(via.status).to.equal(200);
    expect(await client.hget(`${stack.prefix}:{settings}:forward-via`, 'pbx-b')).to.equal('office');
    await admin(apiPort, 'PUT', '/v1/connections/pbx-b/forward-via', { line: null }, `Bearer ${token}`);
  });

  it('with no token configured at all, the API has no client: every change is 401', async () => {
    const input: ConfigInput = { ...stack.configInput, redis: { mode: 'standalone', url: redis.url, passwordEnv: 'CALLFWD_REDIS_PASSWORD', prefix: stack.prefix } };
    const noToken = writeConfigFile(input);
    const env: Record<string, string> = { ...SECRETS };
    delete env.CALLFWD_API_TOKENS;
    const p = startCallfwd(['run', '--config', noToken.path, '--role', 'listener', '--http-port', '0', '--api-port', '0'], env);
    try {
      const ready = await p.waitForReady(60_000);
      const res = await admin(Number(ready.apiPort), 'POST', '/v1/accounts/platform/topup', { amount: 1, ref: 'x' }, `Bearer ${SECRETS.CALLFWD_HTTP_TOKEN}`);
      expect(res.status).to.equal(401);
    } finally {
      await p.kill('SIGTERM');
      noToken.remove();
    }
  });

  it('writes no secret into any log line while forwarding calls', async () => {
    const calls = Array.from({ length: 5 }, () =>
      stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Leak', disposition: 'NO_ANSWER' }),
    );
    for (const c of calls) {
      const deadline = Date.now() + 20_000;
      while (!(await client.exists(`${stack.prefix}:{records}:rec:${c}`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await client.exists(`${stack.prefix}:{records}:rec:${c}`), c).to.equal(1);
    }
    const lines = [listener, worker].flatMap((p) => [...p.stdout, ...p.stderr]);
    expect(lines.length).to.be.greaterThan(100);
    // The logs are busy (frames, commands), and the auth exchange is among them, redacted.
    expect(lines.some((l) => l.includes('uuid_bridge'))).to.equal(true);
    const files = readdirSync(redis.dir).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(redis.dir, f), 'utf8'));
    for (const [name, secret] of Object.entries(SECRETS)) {
      const leaks = lines.filter((l) => l.includes(secret));
      expect(leaks, `${name} leaked: ${leaks[0]?.slice(0, 300) ?? ''}`).to.deep.equal([]);
      for (const text of files) expect(text, name).to.not.include(secret);
    }
  });
});
