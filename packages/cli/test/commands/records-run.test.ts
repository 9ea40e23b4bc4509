// `callfwd run` with PostgreSQL as the system of record, as a child process against the simulator,
// a real Redis and a private PostgreSQL the test owns (stopped and started with pg_ctl).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect } from 'chai';
import type { CallRecord } from '@callfwd/domain';
import { createRecordsDb, parseStatementCsv, toStatementCsvRow, type RecordsDb } from '@callfwd/records';
import { createKeyspace, createLedger, createRecordsOutbox } from '@callfwd/store';
import { startRunChild, type RunChild } from '../../src/demo/run-child.js';
import { CLI_NODE_ARGS, runCli } from '../support/cli.js';
import { logSink, startDemoStack, waitFor, type DemoStack } from '../support/demo-stack.js';
import { metricValue, startPrivatePostgres, type PrivatePostgres } from './records-postgres.js';

const ACCOUNT = 'platform';
const CDR_CRED = 'freeswitch:cdr-Test-secret';

/** One real mod_xml_cdr post (FreeSWITCH 1.10.12), from shared/fixtures beside the checkout. */
function capturedCdrPost(n: number): { url: string; body: string } {
  const dir = `${process.env.CALLFWD_ESL_FIXTURES_ROOT ?? new URL('../../../../../shared/fixtures', import.meta.url).pathname}/esl-real-next/xml-cdr-post`;
  const meta = readFileSync(`${dir}/cdr-requests.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { url: string; offset: number; length: number })[n];
  if (meta === undefined) throw new Error(`no captured post ${n}`);
  const request = readFileSync(`${dir}/cdr-requests.raw`).subarray(meta.offset, meta.offset + meta.length).toString('utf8');
  return { url: meta.url, body: request.slice(request.indexOf('\r\n\r\n') + 4) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('callfwd run with PostgreSQL: records, charges and the journal written once (child process)', function () {
  this.timeout(120_000);
  let postgres: PrivatePostgres;
  let stack: DemoStack;
  let db: RecordsDb;
  let run: RunChild | undefined;
  let base = '';
  let cdrPort = 0;
  const logs = logSink();

  const startRun = async (name: string) => {
    const child = startRunChild({
      args: [...CLI_NODE_ARGS, 'run', '--config', stack.configFile, '--role', 'all', '--http-port', '0'],
      env: cliEnv(),
      logTo: logs.stream,
      name,
    });
    const ready = await child.ready(30_000);
    base = `http://127.0.0.1:${String(ready.httpPort)}`;
    return child;
  };
  const cliEnv = () => ({ ...stack.env, CALLFWD_XML_CDR_CREDENTIALS: CDR_CRED });
  const metric = async (name: string) => metricValue(await (await fetch(`${base}/metrics`)).text(), name);
  const placeCalls = (n: number): string[] =>
    Array.from({ length: n }, (_, i) => stack.sim.node('fs1').placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: `4822700${String(1000 + i)}`, callerName: 'Test', disposition: 'NO_ANSWER' }).uuid);
  const rowsFor = async (calls: readonly string[]) => {
    const found = await db.pool.query<{ call_uuid: string }>('SELECT call_uuid::text FROM call_records WHERE call_uuid = ANY($1::uuid[])', [calls]);
    return found.rows.map((r) => r.call_uuid);
  };
  const waitInPostgres = (calls: readonly string[], timeoutMs = 30_000) =>
    waitFor(`${calls.length} records in PostgreSQL`, async () => ((await rowsFor(calls)).length >= calls.length ? true : undefined), timeoutMs);
  const outboxLength = async () => {
    const keys = createRecordsOutbox(stack.redis, stack.prefix).keys;
    return (await stack.redis.xlen(keys.records)) + (await stack.redis.xlen(keys.account(ACCOUNT)));
  };

  before(async () => {
    postgres = await startPrivatePostgres();
    cdrPort = await freePort();
    stack = await startDemoStack({
      clockRate: 20,
      farEnds: { '48601000001': { kind: 'answer', afterMs: 2_000, hangupAfterMs: 30_000 } },
      editConfig: (input) => {
        input.postgres = { url: postgres.url, keepInRedisSeconds: 600, xmlCdr: { port: cdrPort, credentialsEnv: 'CALLFWD_XML_CDR_CREDENTIALS' } };
      },
    });
    db = createRecordsDb({ url: postgres.url, max: 2, connectTimeoutMs: 1_000 });
    run = await startRun('run1');
  });
  after(async () => {
    await run?.stop(15_000);
    await db?.close();
    await stack?.stop();
    await postgres?.stop();
  });

  it('migrates and reconciles at start; every record and charge is in PostgreSQL once, journal sum = balance fall', async () => {
    await waitFor('the reconcile at start', () => run?.lines.some((l) => l.msg === 'reconcile: balances match the record'));
    const calls = placeCalls(4);
    const records = await Promise.all(calls.map((c) => stack.waitForRecord(c)));
    await waitInPostgres(calls);
    await waitFor('the outbox drained', async () => ((await outboxLength()) === 0 ? true : undefined));
    const charges = (await db.journalFor(ACCOUNT)).filter((e) => e.kind === 'charge');
    const answeredLegs = records.flatMap((r) => (r.attempts as { legUuid: string; outcome: string }[]).filter((a) => a.outcome === 'answered').map((a) => a.legUuid));
    expect(answeredLegs, 'each call was answered').to.have.length(4);
    expect(charges.map((c) => c.id).sort()).to.deep.equal([...answeredLegs].sort());
    expect(charges.map((c) => -c.amount).reduce((a, b) => a + b, 0)).to.equal(records.reduce((sum, r) => sum + Number(r.cost), 0));
    const live = await createLedger(stack.redis, stack.prefix).getBalance(ACCOUNT);
    const ofRecord = await db.balanceOfRecord(ACCOUNT, 100_000);
    expect(100_000 - live.balance, 'the balance fell by the journal').to.equal(-ofRecord.movements);
    expect(ofRecord.balance).to.equal(live.balance);
    // The settle run again (a redelivered job re-runs its effects: the worker appends the same record
    // and the same charge again, see the worker's effect tests): PostgreSQL keeps one row of each.
    const outbox = createRecordsOutbox(stack.redis, stack.prefix);
    for (const r of records) await outbox.append(outbox.keys.records, { kind: 'record', data: r });
    for (const c of charges) await outbox.append(outbox.keys.account(ACCOUNT), { kind: 'journal', data: c });
    await waitFor('the repeats drained', async () => ((await outboxLength()) === 0 ? true : undefined));
    expect(await rowsFor(calls)).to.have.length(4);
    expect((await db.journalFor(ACCOUNT)).filter((e) => e.kind === 'charge')).to.deep.equal(charges);
    // Drained: the Redis copy expires (keepInRedisSeconds), it is not kept forever.
    const ttl = await stack.redis.ttl(createKeyspace(stack.prefix).records.record(calls[0] as string));
    expect(ttl).to.be.within(1, 600);
  });

  it('takes mod_xml_cdr posts: 401 without the credentials, 200 stored once (a retry too), counted', async () => {
    const post = capturedCdrPost(2);
    const url = `http://127.0.0.1:${String(cdrPort)}${post.url}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const auth = { ...headers, authorization: `Basic ${Buffer.from(CDR_CRED).toString('base64')}` };
    expect((await fetch(url, { method: 'POST', headers, body: post.body })).status).to.equal(401);
    expect((await fetch(url, { method: 'POST', headers: auth, body: post.body })).status).to.equal(200);
    expect((await fetch(url, { method: 'POST', headers: auth, body: post.body })).status).to.equal(200);
    const leg = post.url.replace(/^\/cdr\?uuid=(a_)?/, '');
    expect((await db.legCdr(leg))?.billsec).to.equal(3);
    expect(await metric('callfwd_records_cdrs_received_total')).to.equal(2);
  });

  it('statement --csv reads PostgreSQL and parses back to the same rows; balance and reconcile agree', async () => {
    const all = await db.statement({}, { limit: 100 });
    expect(all.rows.length).to.be.at.least(4);
    const payer = all.rows[0]?.account ?? 'none';
    const fromDb = await db.statement({ account: payer }, { limit: 100 });
    expect(fromDb.rows.length, 'the paying account has records').to.be.at.least(3);
    const csv = await runCli(['statement', '--config', stack.configFile, '--csv', '--limit', '100'], cliEnv());
    expect(csv.code, csv.stderr).to.equal(0);
    expect(parseStatementCsv(csv.stdout)).to.deep.equal(all.rows.map(toStatementCsvRow));
    const json = await runCli(['statement', '--config', stack.configFile, '--json', '--account', payer, '--limit', '2'], cliEnv());
    const page = JSON.parse(json.stdout) as CallRecord[];
    expect(page.map((r) => r.callUuid)).to.deep.equal(fromDb.rows.slice(0, 2).map((r) => r.callUuid));
    expect(page).to.have.length(2);
    const cursor = /--cursor (\S+)/.exec(json.stderr)?.[1];
    expect(cursor, json.stderr).to.be.a('string');
    const next = await runCli(['statement', '--config', stack.configFile, '--json', '--account', payer, '--limit', '100', '--cursor', cursor as string], cliEnv());
    expect((JSON.parse(next.stdout) as CallRecord[]).map((r) => r.callUuid), 'the next page, newest first').to.deep.equal(fromDb.rows.slice(2).map((r) => r.callUuid));
    const balance = await runCli(['balance', ACCOUNT, '--config', stack.configFile, '--json'], cliEnv());
    const [row] = JSON.parse(balance.stdout) as { balance: number; ofRecord: number }[];
    expect(row?.ofRecord).to.equal(row?.balance);
    const reconcile = await runCli(['reconcile', '--config', stack.configFile, '--json'], cliEnv());
    expect(reconcile.code, reconcile.stdout + reconcile.stderr).to.equal(0);
    const migrate = await runCli(['migrate', '--config', stack.configFile], cliEnv());
    expect(migrate.stdout).to.include('up to date');
  });

  it('PostgreSQL stopped during load and started again: forwards go on, the backlog shows and drains, nothing lost or doubled', async () => {
    const before = placeCalls(3);
    await Promise.all(before.map((c) => stack.waitForRecord(c)));
    await postgres.pause();
    const during = placeCalls(6);
    await Promise.all(during.map((c) => stack.waitForRecord(c)));
    await waitFor('the backlog gauge', async () => ((await metric('callfwd_records_backlog')) > 0 ? true : undefined), 15_000);
    await waitFor('the drain failures gauge', async () => ((await metric('callfwd_records_drain_failures')) > 0 ? true : undefined), 15_000);
    expect(await rowsFor(during).catch(() => 'down')).to.equal('down');
    await postgres.resume();
    const calls = [...before, ...during];
    await waitInPostgres(calls);
    await waitFor('the backlog gauge back to 0', async () => ((await metric('callfwd_records_backlog')) === 0 ? true : undefined), 15_000);
    expect(await rowsFor(calls)).to.have.length(calls.length);
    const charges = await db.pool.query<{ id: string; n: string }>("SELECT id, count(*) AS n FROM journal WHERE kind = 'charge' GROUP BY id HAVING count(*) > 1");
    expect(charges.rows, 'no charge twice').to.deep.equal([]);
    const calls9 = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM journal j JOIN call_records r ON r.call_uuid = j.call_uuid WHERE j.kind = 'charge' AND r.call_uuid = ANY($1::uuid[])", [calls]);
    expect(Number(calls9.rows[0]?.n)).to.equal(calls.length);
  });

  it('the worker killed between the Redis write and the drain: the next process drains it, once', async () => {
    await postgres.pause();
    const calls = placeCalls(3);
    await Promise.all(calls.map((c) => stack.waitForRecord(c)));
    expect(await outboxLength(), 'the records wait in the outbox').to.be.at.least(3);
    run?.child.kill('SIGKILL');
    await run?.exited;
    await postgres.resume();
    run = await startRun('run2');
    await waitInPostgres(calls);
    expect(await rowsFor(calls)).to.have.length(3);
    const charges = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM journal WHERE kind = 'charge' AND call_uuid = ANY($1::uuid[])", [calls]);
    expect(Number(charges.rows[0]?.n)).to.equal(3);
  });

  it('SIGTERM drains the outbox to PostgreSQL before it exits', async () => {
    const calls = placeCalls(2);
    await Promise.all(calls.map((c) => stack.waitForRecord(c)));
    const code = await run?.stop(15_000);
    run = undefined;
    expect(code).to.equal(0);
    expect(await outboxLength()).to.equal(0);
    expect(await rowsFor(calls)).to.have.length(2);
    expect(logs.text(), 'no secret in the logs').not.to.include('cdr-Test-secret');
  });
});
