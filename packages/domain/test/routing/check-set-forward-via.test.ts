import { expect } from 'chai';
import { checkSetForwardVia } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';

const config = buildConfig();

describe('rule 2: only PBX connections can change forward-via (checkSetForwardVia)', () => {
  it('refuses a rented number, says why and what its calls use instead', () => {
    const check = checkSetForwardVia(config, 'sales', 'pbx-a');
    if (check.ok) throw new Error('expected a refusal');
    expect(check.code).to.equal('NOT_A_PBX_CONNECTION');
    expect(check.message).to.contain('is a rented number, not a PBX connection');
    expect(check.message).to.contain('forward-via belongs to PBX connections only');
    expect(check.message).to.contain('leave through the number itself, on the platform telephony balance');
    expect(check.message).to.contain('Nothing changed');
  });

  it('refuses a connected number and the main number the same way', () => {
    for (const id of ['office', 'main']) {
      const check = checkSetForwardVia(config, id, 'pbx-b');
      expect(check.ok ? 'ok' : check.code, id).to.equal('NOT_A_PBX_CONNECTION');
    }
  });

  it('refuses a rented number even when the via line does not exist', () => {
    const check = checkSetForwardVia(config, 'sales', 'nope');
    expect(check.ok ? 'ok' : check.code).to.equal('NOT_A_PBX_CONNECTION');
  });

  const refusals: Array<[string, string, string]> = [
    ['pbx-z', 'main', 'UNKNOWN_CONNECTION'],
    ['pbx-a', 'nope', 'UNKNOWN_LINE'],
    ['pbx-a', 'pbx-a', 'VIA_SELF'],
  ];
  for (const [connection, via, code] of refusals) {
    it(`refuses ${connection} via ${via}: ${code}`, () => {
      const check = checkSetForwardVia(config, connection, via);
      expect(check.ok ? 'ok' : check.code).to.equal(code);
    });
  }

  for (const via of ['main', 'office', 'sales', 'pbx-b']) {
    it(`lets PBX A forward via ${via}, and explains who pays`, () => {
      const check = checkSetForwardVia(config, 'pbx-a', via);
      if (!check.ok) throw new Error(check.message);
      expect([check.connection.id, check.via.id]).to.deep.equal(['pbx-a', via]);
      expect(check.explanation).to.contain(`pbx-a will forward via ${via}`);
      expect(check.explanation).to.contain(`paid by account ${check.via.account}`);
    });
  }
});
