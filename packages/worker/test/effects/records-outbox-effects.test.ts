// With PostgreSQL configured the worker appends each record, charge and recording to the records
// outbox after its Redis write: a settle run twice appends twice (PostgreSQL keeps one row, keyed)
// and charges once; without PostgreSQL nothing is appended.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { CallRecordSchema, type CallRecord } from '@callfwd/domain';
import { createRecordsOutbox } from '@callfwd/store';
import { runPost } from '../../src/effects/ledger-effects.js';
import { runListRecording, runWriteRecord } from '../../src/effects/store-effects.js';
import type { EffectContext } from '../../src/effects/effect-context.js';
import { startHarness, type Harness } from '../support/worker-harness.js';

function record(callUuid: string, legUuid: string): CallRecord {
  return {
    callUuid,
    node: 'fs1',
    connection: 'pbx-b',
    caller: { number: '+48501234567', name: 'C' },
    dialled: '48221120001',
    employee: 'anna',
    target: '+48601000001',
    viaLine: 'main',
    viaNumber: '+48221000000',
    callerIdPresented: '+48501234567',
    callerIdReason: null,
    diversion: null,
    startedAt: 1_796_153_481_000,
    answeredAt: 1_796_153_484_000,
    endedAt: 1_796_153_544_000,
    billedSeconds: 60,
    cost: 15,
    currency: 'EUR',
    account: 'platform',
    outcome: 'answered',
    hangupCause: 'NORMAL_CLEARING',
    recording: null,
    attempts: [{ line: 'main', legUuid, outcome: 'answered', cause: null }],
    note: null,
  };
}

describe('worker effects: the records outbox (real Redis)', function () {
  this.timeout(20_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const ctxWith = (outbox: boolean): EffectContext => {
    const deps = outbox ? { ...h.deps, recordsOutbox: createRecordsOutbox(h.redis, h.prefix) } : h.deps;
    return { deps, node: h.conn, nodeId: 'fs1', callUuid: randomUUID(), log: deps.log };
  };
  const entries = async (stream: string) => (await h.redis.xrange(stream, '-', '+')).map(([, f]) => ({ k: f[1], d: JSON.parse(f[3] ?? 'null') as Record<string, unknown> }));

  it('a settle run twice: charged once, the charge and the record appended each time with the same key', async () => {
    const ctx = ctxWith(true);
    const keys = createRecordsOutbox(h.redis, h.prefix).keys;
    const legUuid = randomUUID();
    const callUuid = ctx.callUuid;
    await h.deps.ledger.hold('platform', legUuid, { amount: 75, minAmount: 15, expiresAt: Date.now() + 60_000 });
    const post = { kind: 'post', account: 'platform', legUuid, cost: 15, at: 1_796_153_544_000, billsec: 60, callUuid } as const;
    await runPost(ctx, post);
    await runPost(ctx, post);
    const rec = record(callUuid, legUuid);
    expect(CallRecordSchema.safeParse(rec).success, 'a valid record').to.equal(true);
    await runWriteRecord(ctx, { kind: 'write_record', record: rec });
    await runWriteRecord(ctx, { kind: 'write_record', record: rec });
    expect((await h.deps.ledger.getBalance('platform')).balance, 'charged once').to.equal(1000 - 15);
    const journal = await entries(keys.account('platform'));
    expect(journal).to.have.length(2);
    for (const e of journal) expect(e).to.deep.equal({ k: 'journal', d: { id: legUuid, account: 'platform', kind: 'charge', amount: -15, currency: 'EUR', leg: legUuid, call: callUuid, at: 1_796_153_544_000, note: null } });
    const records = await entries(keys.records);
    expect(records.map((e) => [e.k, e.d.callUuid])).to.deep.equal([['record', callUuid], ['record', callUuid]]);
  });

  it('a recording is appended after it is listed', async () => {
    const ctx = ctxWith(true);
    const keys = createRecordsOutbox(h.redis, h.prefix).keys;
    await runListRecording(ctx, { kind: 'list_recording', callUuid: ctx.callUuid, file: '/rec/a.wav', account: 'platform', startedAt: 1_796_153_484_000, seconds: 60 });
    expect(await entries(keys.records)).to.deep.equal([{ k: 'recording', d: { callUuid: ctx.callUuid, file: '/rec/a.wav', account: 'platform', startedAt: 1_796_153_484_000, seconds: 60 } }]);
  });

  it('without PostgreSQL nothing is appended', async () => {
    const ctx = ctxWith(false);
    const keys = createRecordsOutbox(h.redis, h.prefix).keys;
    const legUuid = randomUUID();
    await runPost(ctx, { kind: 'post', account: 'platform', legUuid, cost: 15, at: Date.now(), billsec: 60, callUuid: ctx.callUuid });
    await runWriteRecord(ctx, { kind: 'write_record', record: record(ctx.callUuid, legUuid) });
    expect(await h.redis.exists(keys.records, keys.account('platform'))).to.equal(0);
  });
});
