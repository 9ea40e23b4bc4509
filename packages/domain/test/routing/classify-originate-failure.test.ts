import { expect } from 'chai';
import { classifyOriginateFailure, OutcomeSchema } from '../../src/index.js';

describe('rule 7: forwarding fails with a clear outcome (classifyOriginateFailure)', () => {
  const table: Array<[string, string, boolean]> = [
    ['USER_BUSY', 'busy', true],
    ['NO_ANSWER', 'no_answer', true],
    ['NO_USER_RESPONSE', 'no_answer', true],
    ['ALLOTTED_TIMEOUT', 'no_answer', true],
    ['RECOVERY_ON_TIMER_EXPIRE', 'no_answer', true],
    ['NORMAL_TEMPORARY_FAILURE', 'route_down', true],
    ['INVALID_GATEWAY', 'route_down', true],
    ['NO_ROUTE_DESTINATION', 'route_down', true],
    ['DESTINATION_OUT_OF_ORDER', 'route_down', true],
    ['NETWORK_OUT_OF_ORDER', 'route_down', true],
    ['GATEWAY_DOWN', 'route_down', true],
    ['CHAN_NOT_IMPLEMENTED', 'route_down', true],
    ['SERVICE_UNAVAILABLE', 'route_down', true],
    ['CALL_REJECTED', 'rejected', true],
    ['ORIGINATOR_CANCEL', 'caller_hung_up', false],
    ['UNALLOCATED_NUMBER', 'failed', true],
    ['SOMETHING_NEW', 'failed', true],
    ['', 'failed', true],
    ['-ERR USER_BUSY\n', 'busy', true],
    ['-ERR NORMAL_TEMPORARY_FAILURE', 'route_down', true],
    ['user_busy', 'busy', true],
    ['toString', 'failed', true],
  ];
  for (const [cause, outcome, failover] of table) {
    it(`${JSON.stringify(cause)} -> ${outcome}${failover ? ', fail over' : ', stop'}`, () => {
      expect(classifyOriginateFailure(cause)).to.deep.equal({ outcome, failover });
    });
  }

  it('every outcome is a call-record outcome', () => {
    for (const [cause] of table) {
      expect(OutcomeSchema.safeParse(classifyOriginateFailure(cause).outcome).success).to.equal(true);
    }
  });

  it('hands out copies: mutating a result does not change the next one', () => {
    const first = classifyOriginateFailure('USER_BUSY');
    first.failover = false;
    expect(classifyOriginateFailure('USER_BUSY').failover).to.equal(true);
  });
});
