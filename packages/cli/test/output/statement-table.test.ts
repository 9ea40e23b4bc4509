import { expect } from 'chai';
import type { CallRecord } from '@callfwd/domain';
import { formatStatement } from '../../src/output/statement-table.js';

const base: CallRecord = {
  callUuid: '11111111-1111-4111-8111-111111111111',
  node: 'fs1',
  connection: 'pbx-j',
  caller: { number: '48227000009', name: 'Demo' },
  dialled: '48221200009',
  employee: 'iza',
  target: '+48221200019',
  viaLine: 'pbx-k',
  viaNumber: '+48221210000',
  callerIdPresented: '+48221210000',
  callerIdReason: null,
  diversion: null,
  startedAt: 1_800_000_000_000,
  answeredAt: 1_800_000_010_000,
  endedAt: 1_800_000_040_000,
  billedSeconds: 60,
  cost: 30,
  currency: 'PLN',
  account: 'provider-k',
  outcome: 'answered',
  hangupCause: 'NORMAL_CLEARING',
  recording: null,
  attempts: [],
  note: null,
};

describe('formatStatement: the detailed statement for people', () => {
  it('a follow-me lists every leg with its step, number, line and outcome', () => {
    const text = formatStatement([
      {
        ...base,
        attempts: [
          { line: 'pbx-k', legUuid: '21111111-1111-4111-8111-111111111111', target: '+48601000009', step: 0, outcome: 'busy', cause: 'USER_BUSY' },
          { line: 'pbx-k', legUuid: '31111111-1111-4111-8111-111111111111', target: '+48221200019', step: 1, outcome: 'answered', cause: 'NORMAL_CLEARING' },
          { line: 'pbx-k', legUuid: '41111111-1111-4111-8111-111111111111', target: '+48601000009', step: 1, outcome: 'busy', cause: 'USER_BUSY' },
        ],
      },
    ]);
    expect(text).to.include('1:+48601000009@pbx-k:busy > 2:+48221200019@pbx-k:answered > 2:+48601000009@pbx-k:busy');
  });

  it('one target keeps the short form line:outcome (failover shows the lines)', () => {
    const text = formatStatement([
      {
        ...base,
        attempts: [
          { line: 'pbx-f', legUuid: '21111111-1111-4111-8111-111111111111', target: '+48601000007', step: 0, outcome: 'route_down', cause: 'NORMAL_TEMPORARY_FAILURE' },
          { line: 'main', legUuid: '31111111-1111-4111-8111-111111111111', target: '+48601000007', step: 0, outcome: 'answered', cause: 'NORMAL_CLEARING' },
        ],
      },
    ]);
    expect(text).to.include('pbx-f:route_down > main:answered');
    expect(text).to.not.include('@');
  });
});
