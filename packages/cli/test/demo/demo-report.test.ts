import { expect } from 'chai';
import type { CallRecord } from '@callfwd/domain';
import { formatDemoReport } from '../../src/demo/demo-report.js';
import type { DemoResult } from '../../src/demo/play-demo.js';

const record: CallRecord = {
  callUuid: '11111111-1111-4111-8111-111111111111',
  node: 'fs1',
  connection: 'pbx-b',
  caller: { number: '48227000001', name: 'Demo' },
  dialled: '48221120001',
  employee: 'anna',
  target: '+48601000001',
  viaLine: 'main',
  viaNumber: '+48221000000',
  callerIdPresented: '+48221000000',
  callerIdReason: null,
  diversion: null,
  startedAt: 1_800_000_000_000,
  answeredAt: 1_800_000_010_000,
  endedAt: 1_800_000_130_000,
  billedSeconds: 120,
  cost: 30,
  currency: 'EUR',
  account: 'platform',
  outcome: 'answered',
  hangupCause: 'NORMAL_CLEARING',
  recording: null,
  attempts: [],
  note: null,
};

const result = (postgres?: CallRecord[]): DemoResult => ({
  calls: [{ case: 'via-main', title: 'via the main number', record }],
  balances: { before: [{ account: 'platform', currency: 'EUR', balance: 100000, reserved: 0, available: 100000 }], after: [{ account: 'platform', currency: 'EUR', balance: 99970, reserved: 0, available: 99970 }] },
  recordings: [],
  logFile: '/tmp/demo.log',
  ...(postgres === undefined ? {} : { postgres: { statement: postgres } }),
});

describe('formatDemoReport: the statement read back from PostgreSQL', () => {
  it('prints it after the recordings when the demo ran with PostgreSQL', () => {
    const fromDb = { ...record, caller: { number: '48227000099', name: 'From the database' } };
    const text = formatDemoReport(result([fromDb]));
    const section = text.indexOf('read back from PostgreSQL');
    expect(section, text).to.be.above(text.indexOf('Recordings'));
    expect(text.slice(section)).to.include('48227000099 (From the database)');
    expect(text.slice(0, section)).not.to.include('48227000099');
  });

  it('has no such section without PostgreSQL', () => {
    expect(formatDemoReport(result())).not.to.include('PostgreSQL');
  });
});
