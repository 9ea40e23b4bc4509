import { expect } from 'chai';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRecord } from '@callfwd/domain';
import { createRecordsDb } from '@callfwd/records';
import { Redis } from 'ioredis';
import { redisUrl, runCli } from '../support/cli.js';

interface DemoJson {
  calls: { case: string; record: CallRecord }[];
  balances: { before: { account: string; balance: number }[]; after: { account: string; balance: number; reserved: number }[] };
  recordings: { callUuid: string; file: string; account: string }[];
}

// With PostgreSQL (scripts/test starts one and sets DATABASE_URL, as scripts/demo does) the demo
// migrates it and its worker drains every record there.
const databaseUrl = process.env.DATABASE_URL === '' ? undefined : process.env.DATABASE_URL;

describe('callfwd demo --json (the whole demo as a child process)', function () {
  this.timeout(180_000);
  const logFile = join(tmpdir(), `callfwd-demo-test-${process.pid}.log`);
  let demo: DemoJson;
  let keysBefore: number;
  let redis: Redis;

  before(async () => {
    redis = new Redis(redisUrl());
    keysBefore = (await redis.keys('demo*')).length;
    const result = await runCli(['demo', '--json', '--log-file', logFile], { REDIS_URL: redisUrl(), ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }) }, 150_000);
    expect(result.code, `${result.stderr}\n${await readFile(logFile, 'utf8').catch(() => '')}`).to.equal(0);
    demo = JSON.parse(result.stdout) as DemoJson;
  });
  after(async () => {
    await redis.quit();
    await rm(logFile, { force: true });
  });

  const byCase = (id: string): CallRecord => {
    const found = demo.calls.find((c) => c.case === id);
    expect(found, id).not.to.equal(undefined);
    return found!.record;
  };

  it('forwards via the main number, another PBX (recorded), the rented and the connected number', () => {
    expect(byCase('via-main')).to.deep.include({ outcome: 'answered', viaLine: 'main', callerIdPresented: '+48221000000', account: 'platform', billedSeconds: 120, cost: 30, recording: null });
    const viaPbx = byCase('via-pbx');
    expect(viaPbx).to.deep.include({ outcome: 'answered', viaLine: 'pbx-b', callerIdPresented: '+48221120000', account: 'provider-b', billedSeconds: 70, cost: 34 });
    expect(viaPbx.recording?.file).to.match(new RegExp(`${viaPbx.callUuid}`));
    expect(byCase('via-rented')).to.deep.include({ outcome: 'answered', viaLine: 'sales', callerIdPresented: '+48225550000', account: 'platform', cost: 15 });
    expect(byCase('via-connected')).to.deep.include({ outcome: 'answered', viaLine: 'office', callerIdPresented: '+48223330000', account: 'platform', cost: 15 });
  });

  it('refuses on insufficient credit, and records no recording when the caller hangs up first', () => {
    expect(byCase('insufficient-credit')).to.deep.include({ outcome: 'insufficient_credit', account: 'empty', cost: 0, billedSeconds: 0, recording: null });
    expect(byCase('caller-hung-up')).to.deep.include({ outcome: 'caller_hung_up', viaLine: 'pbx-b', cost: 0, answeredAt: null, recording: null });
  });

  it('fails over from a PBX whose route is down to main, and cuts a call at what the balance covers', () => {
    const failover = byCase('route-down-failover');
    expect(failover).to.deep.include({ outcome: 'answered', viaLine: 'main', callerIdPresented: '+48221000000', cost: 15 });
    expect(failover.attempts.map((a) => [a.line, a.outcome])).to.deep.equal([['pbx-f', 'route_down'], ['main', 'answered']]);
    const cut = byCase('cut-at-balance');
    expect(cut).to.deep.include({ outcome: 'answered', viaLine: 'pbx-h', account: 'prepaid' });
    expect(cut.billedSeconds).to.be.within(44, 45);
    expect(cut.cost).to.equal(cut.billedSeconds);
  });

  it('follow-me: the busy mobile, then the desk and the mobile at once; the desk answers', () => {
    const record = byCase('follow-me');
    expect(record).to.deep.include({ outcome: 'answered', target: '+48221200019', viaLine: 'pbx-k', account: 'provider-k' });
    expect(record.attempts.map((a) => [a.step, a.target, a.outcome])).to.deep.equal([
      [0, '+48601000009', 'busy'],
      [1, '+48221200019', 'answered'],
      [1, '+48601000009', 'busy'],
    ]);
    // 30 s of talk at 20/min in 60/1 increments, plus the 10 connect fee.
    expect(record.cost).to.equal(30);
  });

  it('confirm: the voicemail that never pressed 1 is charged and not bridged; the desk that did is bridged', () => {
    const record = byCase('confirm-voicemail');
    expect(record).to.deep.include({ outcome: 'answered', target: '+48221200020' });
    expect(record.attempts.map((a) => [a.step, a.target, a.outcome])).to.deep.equal([
      [0, '+48601000010', 'no_answer'],
      [1, '+48221200020', 'answered'],
    ]);
    // Two answered legs (the voicemail's first increment too), each 20 + 10.
    expect(record.cost).to.equal(60);
  });

  it('outside working hours and a premium-rate target: not forwarded, nothing placed or charged', () => {
    expect(byCase('off-hours')).to.deep.include({ outcome: 'not_forwarded', cost: 0, attempts: [] });
    expect(byCase('off-hours').note).to.match(/hours/);
    expect(byCase('premium-refused')).to.deep.include({ outcome: 'destination_not_allowed', cost: 0, attempts: [] });
  });

  it('reports balances before and after (each charged once) and the recordings list', () => {
    const charged = Object.fromEntries(demo.balances.before.map((b) => [b.account, b.balance - demo.balances.after.find((a) => a.account === b.account)!.balance]));
    expect(charged).to.deep.equal({
      platform: 30 + 15 + 15 + 15,
      'provider-a': 0,
      'provider-b': 34,
      'provider-c': 0,
      empty: 0,
      prepaid: byCase('cut-at-balance').cost,
      'provider-k': byCase('follow-me').cost + byCase('confirm-voicemail').cost,
    });
    expect(demo.balances.after.every((b) => b.reserved === 0)).to.equal(true);
    expect(demo.recordings.map((r) => [r.callUuid, r.account])).to.deep.equal([[byCase('via-pbx').callUuid, 'provider-b']]);
  });

  it('writes every record to PostgreSQL, the system of record, as the statement showed it', async () => {
    if (databaseUrl === undefined) throw new Error('DATABASE_URL is not set: this test needs a real PostgreSQL (scripts/test starts one)');
    const db = createRecordsDb({ url: databaseUrl, max: 1 });
    try {
      const started = demo.calls.map((c) => c.record.startedAt);
      const page = await db.statement({ from: Math.min(...started), to: Math.max(...started) + 1 }, { limit: 1000 });
      const stored = new Map(page.rows.map((r) => [r.callUuid, r]));
      for (const { case: id, record } of demo.calls) {
        expect(stored.get(record.callUuid), `case ${id} in PostgreSQL`).to.deep.include({ outcome: record.outcome, cost: record.cost, billedSeconds: record.billedSeconds, account: record.account });
      }
    } finally {
      await db.close();
    }
  });

  it('leaves no keys behind', async () => {
    expect((await redis.keys('demo*')).length).to.equal(keysBefore);
  });
});
