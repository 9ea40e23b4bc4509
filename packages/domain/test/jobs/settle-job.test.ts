import { expect } from 'chai';
import { parseSettleJob, settleJobId } from '../../src/index.js';

const valid = {
  v: 1,
  node: 'fs2',
  callUuid: '6f1c1b7e-8a53-4f0e-9d2a-3c4b5a697f10',
  legUuid: '0b7a9c2d-1e3f-4a5b-8c6d-7e8f9a0b1c2d',
  hangupCause: 'NORMAL_CLEARING',
  billsec: 42,
  answeredAt: 1_767_225_610_000,
  endedAt: 1_767_225_652_000,
};

describe('settle job payload', () => {
  it('parses a valid payload, and an unanswered leg', () => {
    expect(parseSettleJob(valid)).to.deep.equal({ ok: true, job: valid });
    const unanswered = { ...valid, billsec: 0, answeredAt: null, hangupCause: 'NO_ANSWER' };
    expect(parseSettleJob(unanswered)).to.deep.equal({ ok: true, job: unanswered });
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['fractional billsec', { ...valid, billsec: 1.5 }, 'billsec: '],
    ['negative billsec', { ...valid, billsec: -1 }, 'billsec: '],
    ['a bad leg UUID', { ...valid, legUuid: 'nope' }, 'legUuid: must be a lower-case UUID'],
    ['a missing end time', { ...valid, endedAt: undefined }, 'endedAt: '],
  ];
  for (const [name, payload, error] of bad) {
    it(`refuses ${name}`, () => {
      const result = parseSettleJob(payload);
      expect(result.ok ? 'ok' : result.error).to.contain(error);
    });
  }

  it('derives one settle job id per leg, without ":"', () => {
    expect(settleJobId('fs2', valid.legUuid)).to.equal(`settle-fs2-${valid.legUuid}`);
  });
});
