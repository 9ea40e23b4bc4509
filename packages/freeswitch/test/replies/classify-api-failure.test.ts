import { expect } from 'chai';
import { classifyApiFailure, parseApiReply } from '../../src/index.js';
import { apiExchanges } from '../support/api-exchanges.js';

describe('classifyApiFailure on the captured 1.10.12 error replies (api-errors)', () => {
  const exchanges = apiExchanges('api-errors/client');

  // Every api command of the capture, by its line, and whether its reply means "no such channel".
  const expected: Array<[string, 'no_such_channel' | undefined]> = [
    ['uuid_kill 00000000-0000-0000-0000-000000000000', 'no_such_channel'],
    ['uuid_kill 00000000-0000-0000-0000-000000000000 NORMAL_CLEARING', 'no_such_channel'],
    [
      'uuid_bridge 00000000-0000-0000-0000-000000000000 11111111-1111-1111-1111-111111111111',
      'no_such_channel',
    ],
    ['uuid_transfer 00000000-0000-0000-0000-000000000000 700 XML forward-target', 'no_such_channel'],
    ['uuid_record 00000000-0000-0000-0000-000000000000 start /tmp/x.wav', 'no_such_channel'],
    ['uuid_getvar 00000000-0000-0000-0000-000000000000 foo', 'no_such_channel'],
    ['uuid_setvar 00000000-0000-0000-0000-000000000000 foo bar', 'no_such_channel'],
    ['uuid_answer 00000000-0000-0000-0000-000000000000', 'no_such_channel'],
    ['uuid_dump 00000000-0000-0000-0000-000000000000', 'no_such_channel'],
    ['uuid_kill', undefined],
    ['uuid_bridge', undefined],
    ['no_such_command_xyz arg1 arg2', undefined],
    ['', undefined],
    ['originate sofia/gateway/nope/123 &park()', undefined],
    ['originate loopback/700/no-such-context &park()', undefined],
    ['originate nosuchendpoint/123 &park()', undefined],
    ['originate', undefined],
    ['eval ${switch_serial}', undefined],
  ];

  for (const [command, reason] of expected) {
    it(`${JSON.stringify(command)} → ${reason ?? 'no reason'}`, () => {
      const exchange = exchanges.find((e) => e.command === command);
      if (exchange === undefined) throw new Error(`not in the capture: ${command}`);
      const result = parseApiReply({ kind: 'api', text: command }, exchange.body);
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.reason).to.equal(reason);
      expect(!result.ok && result.error).to.equal(exchange.body.replace(/\n$/, ''));
    });
  }

  it('classifies every failed reply of the capture (none left out of the table)', () => {
    const failed = exchanges.filter((e) => e.body.startsWith('-')).map((e) => e.command);
    expect(failed).to.have.members(expected.map(([command]) => command));
  });

  it("reads the older wording and sched_hangup's capitalised one too, and nothing else", () => {
    expect(classifyApiFailure('sched_hangup', '-ERR No Such Channel!')).to.equal('no_such_channel');
    expect(classifyApiFailure('uuid_kill', '-ERR No such channel')).to.equal('no_such_channel');
    expect(classifyApiFailure('uuid_kill', '-ERROR')).to.equal(undefined);
    expect(classifyApiFailure('uuid_kill', '-ERR Invalid uuid')).to.equal(undefined);
    expect(classifyApiFailure('toString', '-ERROR')).to.equal(undefined);
    expect(classifyApiFailure('uuid_pre_answer', '-ERROR')).to.equal('no_such_channel');
  });
});
