import type { Tariff } from '@callfwd/domain';
import { expect } from 'chai';
import {
  planLegAdjustment,
  type LegCheck,
  type LegVerdict,
} from '../../src/reconcile/plan-leg-adjustments.js';
import type { LegCdr } from '../../src/schemas/leg-cdr.js';

const LEG = '53324de1-15cf-4ef4-ab1f-58470ae071aa';
const CALL = 'b3468fc5-f832-4c0f-a944-76423e5cc915';
/** 1 minor unit a second (60 a minute, per-second increments) to +48, no connect fee; 10 + 120/min to +44 */
const TARIFFS: Record<string, Tariff> = {
  acme: {
    id: 'std',
    currency: 'PLN',
    increment: '1/1',
    connectFee: 0,
    rates: [{ prefix: '48', perMinute: 60 }],
  },
  globex: {
    id: 'uk',
    currency: 'GBP',
    increment: '60/60',
    connectFee: 10,
    rates: [{ prefix: '44', perMinute: 120 }],
  },
};
const tariffFor = (account: string) => TARIFFS[account] ?? null;

function cdr(overrides: Partial<LegCdr> = {}): LegCdr {
  return {
    leg: LEG,
    call: CALL,
    otherLeg: CALL,
    direction: 'outbound',
    forwardLeg: true,
    billsec: 20,
    billmsec: 20_400,
    duration: 25,
    hangupCause: 'NORMAL_CLEARING',
    startEpoch: 1_796_153_481,
    answerEpoch: 1_796_153_486,
    endEpoch: 1_796_153_506,
    variables: {},
    ...overrides,
  };
}

const record = { account: 'acme', target: '+48601000001', currency: 'PLN' };
const charged = (amount: number, account = 'acme', currency = 'PLN') => ({
  amount: -amount,
  account,
  currency,
});

describe('planLegAdjustment', () => {
  const rows: [string, LegCheck, LegVerdict, { id: string; amount: number } | null][] = [
    ['charge equals what billsec costs', { cdr: cdr(), charge: charged(20), record }, 'matched', null],
    [
      'over-billed (27 s for 20 s of talk): credit the difference',
      { cdr: cdr(), charge: charged(27), record },
      'adjusted',
      { id: `adj:${LEG}`, amount: 7 },
    ],
    [
      'under-billed (settled as HANGUP_NOT_SEEN at 12 s): debit the rest',
      { cdr: cdr(), charge: charged(12), record },
      'adjusted',
      { id: `adj:${LEG}`, amount: -8 },
    ],
    [
      'answered, never charged: the missing charge, keyed by the leg',
      { cdr: cdr(), charge: null, record },
      'charged',
      { id: LEG, amount: -20 },
    ],
    [
      'never answered and never charged',
      { cdr: cdr({ answerEpoch: null, billsec: 0 }), charge: null, record },
      'matched',
      null,
    ],
    [
      'never answered but charged: credit it all back',
      { cdr: cdr({ answerEpoch: null, billsec: 0 }), charge: charged(5), record },
      'adjusted',
      { id: `adj:${LEG}`, amount: 5 },
    ],
    [
      'answered 0 s (billsec 0) costs nothing',
      { cdr: cdr({ billsec: 0 }), charge: null, record },
      'matched',
      null,
    ],
    [
      'increment and connect fee of the tariff: 61 s at 60/60 is 2 min + fee',
      {
        cdr: cdr({ billsec: 61 }),
        charge: charged(250, 'globex', 'GBP'),
        record: { account: 'globex', target: '+447700900123', currency: 'GBP' },
      },
      'matched',
      null,
    ],
    [
      'not our leg (loopback -b half, caller leg)',
      { cdr: cdr({ forwardLeg: false }), charge: null, record },
      'not_ours',
      null,
    ],
    ['record not written yet: wait', { cdr: cdr(), charge: null, record: null }, 'waiting', null],
    [
      'no rate for the destination',
      { cdr: cdr(), charge: charged(20), record: { ...record, target: '+12025550123' } },
      'no_rate',
      null,
    ],
  ];
  for (const [name, check, verdict, entry] of rows) {
    it(name, () => {
      const plan = planLegAdjustment(check, tariffFor, 1_796_153_600_000);
      expect(plan.verdict).to.equal(verdict);
      expect(plan.entry === null ? null : { id: plan.entry.id, amount: plan.entry.amount }).to.deep.equal(
        entry,
      );
      if (plan.entry !== null) {
        expect(plan.entry).to.include({
          account: check.charge?.account ?? check.record?.account,
          leg: LEG,
          call: CALL,
          at: 1_796_153_600_000,
        });
        expect(plan.entry.kind).to.equal(plan.entry.id === LEG ? 'charge' : 'adjustment');
      }
    });
  }
});
