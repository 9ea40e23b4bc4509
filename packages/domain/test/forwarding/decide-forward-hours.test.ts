import { expect } from 'chai';
import type { Config } from '../../src/index.js';
import { CallfwdError, decideForward } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';

// anna (pbx-a, extension +48221110001): forward always outside office hours (Mon-Fri 09:00-17:00
// Warsaw), and on busy or no answer inside them; on unavailable at any hour.
const config: Config = buildConfig((c) => {
  const anna = c.employees![0]!;
  anna.triggers = ['always', 'busy', 'no_answer', 'unavailable'];
  anna.schedule = {
    timeZone: 'Europe/Warsaw',
    weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
    exceptions: [{ date: '2026-12-24', closed: true }],
  };
  anna.when = { always: 'outside', busy: 'inside', no_answer: 'inside' };
});

const INSIDE = Date.parse('2026-12-02T10:00:00Z'); // Wednesday 11:00 CET
const OUTSIDE = Date.parse('2026-12-02T20:00:00Z'); // Wednesday 21:00 CET
const HOLIDAY = Date.parse('2026-12-24T10:00:00Z'); // Thursday, closed by an exception

function decide(disposition: string | undefined, now: number | undefined) {
  return decideForward({
    config,
    connection: 'pbx-a',
    dialled: '48221110001',
    disposition,
    isForwardLeg: false,
    alreadyForwarded: false,
    now,
  });
}

describe('rule 10: working hours in decideForward', () => {
  const table: Array<[string, string | undefined, number, string]> = [
    ['outside hours, no desk-phone result: always', undefined, OUTSIDE, 'always'],
    ['outside hours, the desk phone busy: always wins', 'USER_BUSY', OUTSIDE, 'always'],
    ['on a closed exception date: outside, so always', undefined, HOLIDAY, 'always'],
    ['inside hours, busy', 'USER_BUSY', INSIDE, 'busy'],
    ['inside hours, no answer', 'NO_ANSWER', INSIDE, 'no_answer'],
    ['inside hours, unavailable (any hour)', 'USER_NOT_REGISTERED', INSIDE, 'unavailable'],
    ['inside hours, no desk-phone result: always is off hours only', undefined, INSIDE, 'outside_trigger_hours'],
    ['inside hours, a disposition that is no reason', 'NORMAL_CLEARING', INSIDE, 'disposition_not_forwardable'],
  ];
  for (const [name, disposition, now, expected] of table) {
    it(`${name} -> ${expected}`, () => {
      const decision = decide(disposition, now);
      expect(decision.forward ? decision.trigger : decision.reason).to.equal(expected);
    });
  }

  it('says why a trigger does not apply now', () => {
    const decision = decide(undefined, INSIDE);
    expect(decision.forward ? '' : decision.detail).to.equal(
      'anna forwards on always only outside working hours (Europe/Warsaw); it is inside them now',
    );
  });

  it('busy outside hours for an employee without always: refused with the hours', () => {
    const noAlways = buildConfig((c) => {
      const anna = c.employees![0]!;
      anna.schedule = { timeZone: 'Europe/Warsaw', weekly: [{ days: ['mon'], from: '09:00', to: '17:00' }] };
      anna.when = { busy: 'inside' };
    });
    const decision = decideForward({
      config: noAlways,
      connection: 'pbx-a',
      dialled: '48221110001',
      disposition: 'USER_BUSY',
      isForwardLeg: false,
      alreadyForwarded: false,
      now: OUTSIDE,
    });
    expect(decision.forward ? 'forward' : decision.reason).to.equal('outside_trigger_hours');
  });

  it('throws BAD_INPUT when working hours matter and no time is given (a caller bug)', () => {
    expect(() => decide(undefined, undefined)).to.throw(CallfwdError).with.property('code', 'BAD_INPUT');
  });

  it('needs no time for employees without hours (existing callers keep working)', () => {
    const plain = buildConfig();
    const decision = decideForward({
      config: plain,
      connection: 'pbx-b',
      dialled: '48221120002',
      disposition: undefined,
      isForwardLeg: false,
      alreadyForwarded: false,
    });
    expect(decision.forward && decision.trigger).to.equal('always');
  });
});
