import { expect } from 'chai';
import { parseApiReply, type ApiCommand } from '../../src/index.js';

const KILL: ApiCommand = { kind: 'api', text: 'uuid_kill f8ee97b3-9632-491c-bbee-5c448d249588' };

describe('parseApiReply', () => {
  const cases: Array<[string, unknown]> = [
    ['+OK\n', { ok: true, reply: '+OK' }],
    ['true', { ok: true, reply: 'true' }],
    ['\n0 total.\n', { ok: true, reply: '\n0 total.' }],
    ['-USAGE: <uuid> [cause]\n', { ok: false, error: '-USAGE: <uuid> [cause]' }],
    ['-ERR No such channel!\n', { ok: false, error: '-ERR No such channel!', reason: 'no_such_channel' }],
    ['', { ok: true, reply: '' }],
  ];
  for (const [body, result] of cases) {
    it(`reads ${JSON.stringify(body)}`, () => {
      expect(parseApiReply(KILL, body)).to.deep.equal(result);
    });
  }
});
