import { expect } from 'chai';
import { parseJobResult, parseOriginateResult } from '../../src/index.js';

describe('parseOriginateResult / parseJobResult', () => {
  const originate: Array<[string, unknown]> = [
    [
      '+OK a711d615-c061-4645-a3aa-be3a9da11a6c\n',
      { ok: true, uuid: 'a711d615-c061-4645-a3aa-be3a9da11a6c' },
    ],
    ['-ERR USER_BUSY\n', { ok: false, cause: 'USER_BUSY' }],
    ['-ERR INVALID_GATEWAY\n', { ok: false, cause: 'INVALID_GATEWAY' }],
    ['-ERR ORIGINATOR_CANCEL\n', { ok: false, cause: 'ORIGINATOR_CANCEL' }],
    ['-USAGE: <call url> <exten>\n', { ok: false, cause: 'UNPARSEABLE_REPLY' }],
    ['+OK\n', { ok: false, cause: 'UNPARSEABLE_REPLY' }],
    ['', { ok: false, cause: 'UNPARSEABLE_REPLY' }],
  ];
  for (const [body, result] of originate) {
    it(`reads originate reply ${JSON.stringify(body)}`, () => {
      expect(parseOriginateResult(body)).to.deep.equal(result);
    });
  }

  const jobs: Array<[string, unknown]> = [
    [
      '+OK hangup all channels with cause MANAGER_REQUEST\n',
      { ok: true, value: 'hangup all channels with cause MANAGER_REQUEST' },
    ],
    ['-ERR No such channel!\n', { ok: false, error: 'No such channel!' }],
    ['-USAGE: <uuid> [cause]\n', { ok: false, error: '-USAGE: <uuid> [cause]' }],
    ['-ERROR\n', { ok: false, error: '-ERROR' }],
    ['false', { ok: true, value: 'false' }],
  ];
  for (const [body, result] of jobs) {
    it(`reads job reply ${JSON.stringify(body)}`, () => {
      expect(parseJobResult(body)).to.deep.equal(result);
    });
  }
});
