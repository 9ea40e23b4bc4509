import { expect } from 'chai';
import { parseVarReply, type VarReply } from '../../src/index.js';
import { apiExchanges } from '../support/api-exchanges.js';

describe('parseVarReply', () => {
  it('reads the captured uuid_getvar replies (values without a newline, no such channel)', () => {
    const replies = [
      ...apiExchanges('park-after-desk/controller'),
      ...apiExchanges('outbound-socket-bridge/outbound-socket'),
      ...apiExchanges('api-errors/client'),
    ]
      .filter((e) => e.command.startsWith('uuid_getvar '))
      .map((e) => parseVarReply(e.body));
    expect(replies).to.deep.equal([
      { kind: 'value', value: 'USER_BUSY' },
      { kind: 'value', value: 'NO_ANSWER' },
      { kind: 'value', value: 'NORMAL_CLEARING' },
      { kind: 'no_such_channel' },
    ]);
  });

  const cases: Array<[string, VarReply]> = [
    ['_undef_', { kind: 'unset' }],
    ['', { kind: 'unset' }],
    ['-ERR no reply\n', { kind: 'unset' }],
    ['-5', { kind: 'value', value: '-5' }],
    ['-ERR looks like an error', { kind: 'value', value: '-ERR looks like an error' }],
    ['Alice Caller', { kind: 'value', value: 'Alice Caller' }],
    ['-ERR No Such Channel!\n', { kind: 'no_such_channel' }],
    ['-USAGE: <uuid> <var>\n', { kind: 'error', error: '-USAGE: <uuid> <var>' }],
    ['-ERR No variable name specified!\n', { kind: 'error', error: '-ERR No variable name specified!' }],
  ];
  for (const [body, reply] of cases) {
    it(`reads ${JSON.stringify(body)} as ${reply.kind}`, () => {
      expect(parseVarReply(body)).to.deep.equal(reply);
    });
  }
});
