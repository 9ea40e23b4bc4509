import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { CallRecord, Outcome } from '@callfwd/domain';
import { createCallRecordStore, createForwardDocStore, createRecordingStore } from '@callfwd/store';
import { runCli } from '../support/cli.js';
import { writeTestConfig, type TestConfig } from '../support/test-config.js';

const T0 = Date.parse('2025-11-20T10:00:00Z');

function record(startedAt: number, account: string, outcome: Outcome, cost: number): CallRecord {
  const answered = outcome === 'answered';
  return {
    callUuid: randomUUID(),
    node: 'fs1',
    connection: 'pbx-b',
    caller: { number: '48227000001', name: 'Caller' },
    dialled: '48221120001',
    employee: 'anna',
    target: '+48601000001',
    viaLine: 'main',
    viaNumber: '+48221000000',
    callerIdPresented: answered ? '+48221000000' : null,
    callerIdReason: answered ? 'shows the via line main' : null,
    diversion: null,
    startedAt,
    answeredAt: answered ? startedAt + 2_000 : null,
    endedAt: startedAt + 62_000,
    billedSeconds: answered ? 60 : 0,
    cost,
    currency: 'EUR',
    account,
    outcome,
    hangupCause: answered ? 'NORMAL_CLEARING' : 'USER_BUSY',
    recording: null,
    attempts: [],
    note: null,
  };
}

describe('callfwd statement and recordings', function () {
  this.timeout(60_000);
  let cfg: TestConfig;
  const records = [
    record(T0, 'platform', 'answered', 15),
    record(T0 + 3_600_000, 'platform', 'busy', 0),
    record(T0 + 7_200_000, 'provider-b', 'answered', 34),
    record(T0 + 86_400_000, 'platform', 'answered', 30),
  ];
  before(async () => {
    cfg = await writeTestConfig();
    const store = createCallRecordStore(cfg.redis, cfg.prefix);
    for (const r of records) await store.put(r);
    await createRecordingStore(cfg.redis, cfg.prefix).add({ callUuid: records[2]!.callUuid, file: '/rec/x.wav', account: 'provider-b', startedAt: T0 + 7_202_000, seconds: 70 });
  });
  after(() => cfg.cleanup());

  const statement = async (...args: string[]) => {
    const result = await runCli(['statement', '--config', cfg.file, '--json', ...args], cfg.env);
    expect(result.code, result.stderr).to.equal(0);
    return (JSON.parse(result.stdout) as CallRecord[]).map((r) => r.callUuid);
  };

  it('lists every record newest first', async () => {
    expect(await statement()).to.deep.equal([...records].reverse().map((r) => r.callUuid));
  });

  it('filters by time, account and outcome, and limits', async () => {
    expect(await statement('--from', '2025-11-20T10:30:00Z', '--to', '2025-11-20T12:00:00Z')).to.deep.equal([records[2]!.callUuid, records[1]!.callUuid]);
    expect(await statement('--account', 'provider-b')).to.deep.equal([records[2]!.callUuid]);
    expect(await statement('--account', 'platform', '--outcome', 'answered')).to.deep.equal([records[3]!.callUuid, records[0]!.callUuid]);
    expect(await statement('--outcome', 'busy')).to.deep.equal([records[1]!.callUuid]);
    expect(await statement('--limit', '2')).to.deep.equal([records[3]!.callUuid, records[2]!.callUuid]);
  });

  it('prints a table for people with via line, caller ID, cost and account', async () => {
    const result = await runCli(['statement', '--config', cfg.file, '--account', 'provider-b'], cfg.env);
    expect(result.code).to.equal(0);
    const [header, , row] = result.stdout.split('\n');
    expect(header).to.match(/^started\s+node\s+connection\s+caller\s+employee\s+target\s+via\s+caller ID\s+outcome/);
    expect(row).to.match(/anna\s+\+48601000001\s+main\s+\+48221000000\s+answered\s+-\s+60\s+0\.34 EUR\s+provider-b/);
  });

  it('lists the recordings', async () => {
    const result = await runCli(['recordings', '--config', cfg.file, '--json'], cfg.env);
    expect(result.code, result.stderr).to.equal(0);
    expect(JSON.parse(result.stdout)).to.deep.equal([{ callUuid: records[2]!.callUuid, file: '/rec/x.wav', account: 'provider-b', startedAt: T0 + 7_202_000, seconds: 70 }]);
  });

  it("shows the queues of every node, empty, and each node's scheduled timers", async () => {
    const call = randomUUID();
    await createForwardDocStore(cfg.redis, cfg.prefix).addTimers('fs2', [
      { id: `fwd-fs2-${call}-timer-deadline---0`, at: Date.now() + 600_000, job: { v: 2, node: 'fs2', callUuid: call, event: { kind: 'timer', timer: 'deadline', legUuid: null, slice: 0 } } },
    ]);
    const result = await runCli(['queues', '--config', cfg.file, '--json'], cfg.env);
    expect(result.code, result.stderr).to.equal(0);
    const rows = JSON.parse(result.stdout) as { node: string; queue: string; waiting: number; timers: number }[];
    expect(rows.map((r) => `${r.node}/${r.queue}:${r.waiting}:${r.timers}`)).to.deep.equal(['fs1/forward:0:0', 'fs2/forward:0:1']);
    const table = await runCli(['queues', '--config', cfg.file], cfg.env);
    expect(table.stdout).to.match(/timers/);
  });
});
