import { expect } from 'chai';
import { parseOriginate, parseVarBlock } from '../../src/index.js';

describe('parseOriginate', () => {
  it('reads {} variables with single quotes and \\, escapes, the dial string and the app', () => {
    const parsed = parseOriginate(
      "{origination_uuid=u1,origination_caller_id_name='Forward Via',sip_h_X=a\\,b}{originate_timeout=3}loopback/700/forward-target &park()",
    );
    expect(parsed).to.deep.equal({
      ok: true,
      value: {
        vars: [
          ['origination_uuid', 'u1'],
          ['origination_caller_id_name', 'Forward Via'],
          ['sip_h_X', 'a,b'],
          ['originate_timeout', '3'],
        ],
        dialString: 'loopback/700/forward-target',
        app: 'park',
        appArgs: '',
        exten: undefined,
      },
    });
  });

  it('ignores [] per-leg blocks and accepts an extension instead of an app', () => {
    const parsed = parseOriginate('{a=1}[b=2]sofia/gateway/gw/123 9000 XML default');
    expect(parsed.ok && parsed.value.vars).to.deep.equal([['a', '1']]);
    expect(parsed.ok && parsed.value.exten).to.equal('9000');
  });

  it('keeps = inside values and commas inside quotes', () => {
    expect(parseVarBlock("sip_h_Diversion=<sip:1@h>;reason=unconditional,x='a,b'")).to.deep.equal([
      ['sip_h_Diversion', '<sip:1@h>;reason=unconditional'],
      ['x', 'a,b'],
    ]);
  });

  it('a missing dial string or app is a usage error', () => {
    expect(parseOriginate('')).to.deep.equal({ ok: false, reason: 'USAGE' });
    expect(parseOriginate('{a=b}loopback/700')).to.deep.equal({ ok: false, reason: 'USAGE' });
  });
});
