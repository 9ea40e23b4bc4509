import { expect } from 'chai';
import { parseApiTokens } from '../../src/auth/parse-api-tokens.js';

describe('parseApiTokens', () => {
  it('reads name:scope:secret entries; a secret may contain colons', () => {
    const result = parseApiTokens('ops:write:abcdefghijklmnop:q, grafana:read:0123456789abcdef');
    expect(result).to.deep.equal({
      ok: true,
      tokens: [
        { name: 'ops', scope: 'write', secret: 'abcdefghijklmnop:q' },
        { name: 'grafana', scope: 'read', secret: '0123456789abcdef' },
      ],
    });
  });

  it('no variable, no clients', () => {
    expect(parseApiTokens(undefined)).to.deep.equal({ ok: true, tokens: [] });
    expect(parseApiTokens('  ')).to.deep.equal({ ok: true, tokens: [] });
  });

  it('lists every bad entry by number and name, never with its secret', () => {
    const result = parseApiTokens(
      'ops:admin:abcdefghijklmnop,Bad Name:read:0123456789abcdef,short:read:abc,nocolons,ops:read:zzzzzzzzzzzzzzzz',
    );
    expect(result.ok).to.equal(false);
    if (result.ok) return expect.fail('accepted');
    const text = result.problems.join('\n');
    expect(result.problems).to.have.length(4);
    expect(text).to.match(/entry 1 \(ops\): scope must be read or write/);
    expect(text).to.match(/entry 2 .*name must be/);
    expect(text).to.match(/entry 3 \(short\): secret must be at least 16/);
    expect(text).to.match(/entry 4: must be name:scope:secret/);
    expect(text).not.to.include('abcdefghijklmnop');
  });

  it('refuses a duplicate name and a secret shared by two tokens', () => {
    const result = parseApiTokens(
      'a:read:0123456789abcdef,a:write:fedcba9876543210,b:write:0123456789abcdef',
    );
    expect(result.ok ? [] : result.problems).to.deep.equal([
      'CALLFWD_API_TOKENS entry 2: duplicate name "a"',
      'CALLFWD_API_TOKENS entry 3 (b): the same secret as another token',
    ]);
  });
});
