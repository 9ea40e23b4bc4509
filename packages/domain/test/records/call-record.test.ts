import { expect } from 'chai';
import type { CallRecord, Outcome } from '../../src/index.js';
import { CallRecordSchema, OUTCOMES, OutcomeSchema, parseCallRecord } from '../../src/index.js';

const answered: CallRecord = {
  callUuid: '6f1c1b7e-8a53-4f0e-9d2a-3c4b5a697f10',
  node: 'fs1',
  connection: 'pbx-a',
  caller: { number: '48221234567', name: 'Alice Caller' },
  dialled: '48221110001',
  employee: 'anna',
  target: '+48601000001',
  viaLine: 'pbx-b',
  viaNumber: '+48221120000',
  callerIdPresented: '48221120000',
  callerIdReason:
    "shows the via line pbx-b's number +48221120000: carriers refuse calls presenting a third party's number",
  diversion: '48221110001',
  startedAt: 1_767_225_600_000,
  answeredAt: 1_767_225_610_000,
  endedAt: 1_767_225_652_000,
  billedSeconds: 42,
  cost: 45,
  currency: 'PLN',
  account: 'provider-b',
  outcome: 'answered',
  hangupCause: 'NORMAL_CLEARING',
  recording: { file: '/var/lib/freeswitch/recordings/6f1c1b7e-8a53-4f0e-9d2a-3c4b5a697f10.wav', seconds: 42 },
  attempts: [
    { line: 'pbx-b', legUuid: '0b7a9c2d-1e3f-4a5b-8c6d-7e8f9a0b1c2d', outcome: 'answered', cause: null },
  ],
  note: null,
};

/** What the record says when the call was never forwarded (rule 4: no credit; rule 5: no recording). */
const notStarted: CallRecord = {
  ...answered,
  answeredAt: null,
  billedSeconds: 0,
  cost: 0,
  outcome: 'insufficient_credit',
  hangupCause: null,
  recording: null,
  attempts: [],
  note: 'the call never started: provider-b has no credit for it; the caller got fallback voicemail',
};

describe('the detailed statement (CallRecordSchema)', () => {
  it('accepts an answered, recorded call', () => {
    expect(parseCallRecord(answered)).to.deep.equal({ ok: true, record: answered });
  });

  it('rule 4 and 5: accepts a call that never started (insufficient credit, no recording)', () => {
    expect(parseCallRecord(notStarted).ok).to.equal(true);
  });

  it('rules 7 and 11: has an outcome for each way forwarding ends', () => {
    const expected: Outcome[] = [
      'answered',
      'no_answer',
      'busy',
      'route_down',
      'rejected',
      'failed',
      'caller_hung_up',
      'insufficient_credit',
      'not_forwarded',
      'limit_reached',
      'destination_not_allowed',
    ];
    expect([...OUTCOMES]).to.deep.equal(expected);
    for (const outcome of expected) {
      expect(CallRecordSchema.safeParse({ ...notStarted, outcome }).success, outcome).to.equal(true);
    }
    expect(OutcomeSchema.safeParse('dropped').success).to.equal(false);
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['a float cost', { ...answered, cost: 4.5 }, 'cost: '],
    ['a non-E.164 target', { ...answered, target: '0601000001' }, 'target: must be an E.164 number'],
    [
      'an over-long caller name',
      { ...answered, caller: { number: '1', name: 'x'.repeat(257) } },
      'caller.name: ',
    ],
    ['an unknown outcome', { ...answered, outcome: 'ok' }, 'outcome: '],
    [
      'an attempt with a bad outcome',
      { ...answered, attempts: [{ ...answered.attempts[0], outcome: 'meh' }] },
      'attempts[0].outcome: ',
    ],
  ];
  for (const [name, record, error] of bad) {
    it(`refuses ${name}`, () => {
      const result = parseCallRecord(record);
      expect(result.ok ? 'ok' : result.error).to.contain(error);
    });
  }
});
