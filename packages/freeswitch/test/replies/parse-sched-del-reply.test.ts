import { expect } from 'chai';
import { parseApiReply, parseSchedDelReply, type ApiCommand } from '../../src/index.js';
import { apiExchanges } from '../support/api-exchanges.js';
import { NEXT_FIXTURES_DIR } from '../support/fixtures.js';

const api = (text: string): ApiCommand => ({ kind: 'api', text });

describe('parseSchedDelReply', () => {
  it('reads the counts of the captured sched_del replies (by id, by group, unknown, emptied group)', () => {
    const counts = apiExchanges('sched-and-broadcast/controller', NEXT_FIXTURES_DIR)
      .filter((e) => e.command.startsWith('sched_del '))
      .map((e) => parseSchedDelReply(parseApiReply(api(e.command), e.body)));
    expect(counts).to.deep.equal([1, 1, 1, 0, 0].map((deleted) => ({ ok: true, deleted })));
  });

  it('gives an error for -ERR and for an unexpected reply', () => {
    const cmd = api('sched_del');
    expect(parseSchedDelReply(parseApiReply(cmd, '-ERR Invalid syntax\n'))).to.deep.equal({
      ok: false,
      error: '-ERR Invalid syntax',
    });
    expect(parseSchedDelReply(parseApiReply(cmd, '+OK Deleted: many\n'))).to.deep.equal({
      ok: false,
      error: 'unexpected sched_del reply: +OK Deleted: many',
    });
  });
});
