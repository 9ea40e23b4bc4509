import { expect } from 'chai';
import type { DecideForwardInput, Trigger } from '../../src/index.js';
import { decideForward } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';

const config = buildConfig();

// anna (pbx-a): busy, no_answer, unavailable. bartek (pbx-b): always. celina (sales): no_answer.
function decide(over: Partial<DecideForwardInput>) {
  return decideForward({
    config,
    connection: 'pbx-a',
    dialled: '48221110001',
    disposition: undefined,
    isForwardLeg: false,
    alreadyForwarded: false,
    ...over,
  });
}

describe('decideForward (when a call is forwarded)', () => {
  const forwards: Array<[string | undefined, Trigger]> = [
    ['USER_BUSY', 'busy'],
    ['NO_ANSWER', 'no_answer'],
    ['NO_USER_RESPONSE', 'no_answer'],
    ['ALLOTTED_TIMEOUT', 'no_answer'],
    ['USER_NOT_REGISTERED', 'unavailable'],
    ['SUBSCRIBER_ABSENT', 'unavailable'],
    ['UNALLOCATED_NUMBER', 'unavailable'],
    ['NO_ROUTE_DESTINATION', 'unavailable'],
    ['user_busy', 'busy'],
  ];
  for (const [disposition, trigger] of forwards) {
    it(`forwards anna on ${trigger} when the desk phone gave ${disposition}`, () => {
      const decision = decide({ disposition });
      expect(decision.forward && decision.trigger).to.equal(trigger);
      expect(decision.forward && decision.employee.id).to.equal('anna');
    });
  }

  for (const disposition of [undefined, '', 'failure']) {
    it(`does not forward anna with no desk-phone result (${JSON.stringify(disposition)}): only "always" forwards then`, () => {
      const decision = decide({ disposition });
      expect(decision.forward ? 'forward' : decision.reason).to.equal('trigger_not_enabled');
    });
  }

  for (const disposition of ['NORMAL_CLEARING', 'CALL_REJECTED', 'SUCCESS', 'ORIGINATOR_CANCEL']) {
    it(`does not forward on ${disposition}: not a forwardable disposition`, () => {
      const decision = decide({ disposition });
      expect(decision.forward ? 'forward' : decision.reason).to.equal('disposition_not_forwardable');
    });
  }

  for (const disposition of [undefined, 'failure', 'USER_BUSY', 'NORMAL_CLEARING', 'SUCCESS']) {
    it(`forwards bartek ("always") whatever the disposition: ${String(disposition)}`, () => {
      const decision = decide({ connection: 'pbx-b', dialled: '+48221120022', disposition });
      expect(decision.forward && decision.trigger).to.equal('always');
      expect(decision.forward && decision.employee.id).to.equal('bartek');
    });
  }

  it('does not forward celina on busy: her only trigger is no_answer', () => {
    const decision = decide({ connection: 'sales', dialled: '48225550003', disposition: 'USER_BUSY' });
    expect(decision.forward ? 'forward' : decision.reason).to.equal('trigger_not_enabled');
    expect(decision.forward ? '' : decision.detail).to.contain('busy');
  });

  it('matches extensions by digits, with or without +', () => {
    for (const dialled of ['48221110001', '+48221110001', ' +48221110001 ']) {
      expect(decide({ dialled, disposition: 'USER_BUSY' }).forward, dialled).to.equal(true);
    }
  });

  it('finds no employee for an unknown or malformed dialled number, or one on another connection', () => {
    for (const [connection, dialled] of [
      ['pbx-a', '48221119999'],
      ['pbx-a', '4822111000x'],
      ['pbx-a', ''],
      ['pbx-b', '48221110001'],
    ] as const) {
      const decision = decide({ connection, dialled, disposition: 'USER_BUSY' });
      expect(decision.forward ? 'forward' : decision.reason, `${connection} ${dialled}`).to.equal(
        'no_employee',
      );
    }
  });

  it('refuses an unknown connection', () => {
    const decision = decide({ connection: 'pbx-z', disposition: 'USER_BUSY' });
    expect(decision.forward ? 'forward' : decision.reason).to.equal('unknown_connection');
  });

  describe('loop guard', () => {
    it('never forwards a forward leg, even for an "always" employee', () => {
      const decision = decide({ connection: 'pbx-b', dialled: '48221120002', isForwardLeg: true });
      expect(decision.forward ? 'forward' : decision.reason).to.equal('loop_guard_forward_leg');
    });

    it('never forwards a call twice', () => {
      const decision = decide({ disposition: 'USER_BUSY', alreadyForwarded: true });
      expect(decision.forward ? 'forward' : decision.reason).to.equal('loop_guard_already_forwarded');
    });

    it('checks the loop guard before anything else (unknown connection, no employee)', () => {
      const decision = decide({ connection: 'pbx-z', dialled: 'junk', isForwardLeg: true });
      expect(decision.forward ? 'forward' : decision.reason).to.equal('loop_guard_forward_leg');
    });
  });
});
