import { expect } from 'chai';
import { parseApiReply, parseSchedApiReply, type ApiCommand } from '../../src/index.js';
import { apiExchanges } from '../support/api-exchanges.js';
import { NEXT_FIXTURES_DIR } from '../support/fixtures.js';

const api = (text: string): ApiCommand => ({ kind: 'api', text });

describe('parseSchedApiReply', () => {
  it('reads the task ids of the captured sched_api replies (+OK Added: 24, 25)', () => {
    const ids = apiExchanges('sched-and-broadcast/controller', NEXT_FIXTURES_DIR)
      .filter((e) => e.command.startsWith('sched_api '))
      .map((e) => parseSchedApiReply(parseApiReply(api(e.command), e.body)));
    expect(ids).to.deep.equal([
      { ok: true, taskId: 24 },
      { ok: true, taskId: 25 },
    ]);
  });

  it('gives an error for -ERR and for a reply without a task id', () => {
    const cmd = api('sched_api');
    expect(parseSchedApiReply(parseApiReply(cmd, '-ERR Invalid syntax\n'))).to.deep.equal({
      ok: false,
      error: '-ERR Invalid syntax',
    });
    expect(parseSchedApiReply(parseApiReply(cmd, '+OK\n'))).to.deep.equal({
      ok: false,
      error: 'unexpected sched_api reply: +OK',
    });
  });
});
