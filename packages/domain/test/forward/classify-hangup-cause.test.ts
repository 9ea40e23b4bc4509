import { expect } from 'chai';
import { classifyHangupCause, failsOver } from '../../src/index.js';

describe('rule 7: a failed leg speaks for the target or for the route (classifyHangupCause)', () => {
  const table: Array<[cause: string, by: string, outcome: string, failover: boolean]> = [
    ['USER_BUSY', 'target', 'busy', false],
    ['NO_ANSWER', 'target', 'no_answer', false],
    ['NO_USER_RESPONSE', 'target', 'no_answer', false],
    ['ALLOTTED_TIMEOUT', 'target', 'no_answer', false],
    ['CALL_REJECTED', 'target', 'rejected', false],
    ['USER_NOT_REGISTERED', 'target', 'rejected', false],
    ['UNALLOCATED_NUMBER', 'target', 'rejected', false],
    ['NORMAL_TEMPORARY_FAILURE', 'route', 'route_down', true],
    ['NETWORK_OUT_OF_ORDER', 'route', 'route_down', true],
    ['NORMAL_CIRCUIT_CONGESTION', 'route', 'route_down', true],
    ['SWITCH_CONGESTION', 'route', 'route_down', true],
    ['GATEWAY_DOWN', 'route', 'route_down', true],
    ['DESTINATION_OUT_OF_ORDER', 'route', 'route_down', true],
    ['RECOVERY_ON_TIMER_EXPIRE', 'route', 'route_down', true],
    ['INVALID_GATEWAY', 'route', 'route_down', true],
    ['NO_ROUTE_DESTINATION', 'route', 'route_down', true],
    ['CHAN_NOT_IMPLEMENTED', 'route', 'route_down', true],
    ['ORIGINATOR_CANCEL', 'caller', 'caller_hung_up', false],
    ['LOSE_RACE', 'caller', 'caller_hung_up', false],
    ['SOMETHING_NEW', 'other', 'failed', false],
    ['', 'other', 'failed', false],
    ['-ERR USER_BUSY\n', 'target', 'busy', false],
    ['-ERR NORMAL_TEMPORARY_FAILURE', 'route', 'route_down', true],
    ['user_busy', 'target', 'busy', false],
    ['toString', 'other', 'failed', false],
    ['__proto__', 'other', 'failed', false],
  ];
  for (const [cause, by, outcome, failover] of table) {
    it(`${JSON.stringify(cause)}: the ${by}'s, ${outcome}${failover ? ', try the next line' : ', no other line'}`, () => {
      const seen = classifyHangupCause(cause);
      expect(seen).to.deep.equal({ by, outcome });
      expect(failsOver(seen.outcome)).to.equal(failover);
    });
  }

  it('insufficient credit on one line tries the next (another account may pay)', () => {
    expect(failsOver('insufficient_credit')).to.equal(true);
  });
});
