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
        legs: [[{ vars: [], endpoint: 'loopback/700/forward-target' }]],
        app: 'park',
        appArgs: '',
        exten: undefined,
      },
    });
  });

  it('keeps [] per-leg blocks on their leg and accepts an extension instead of an app', () => {
    const parsed = parseOriginate('{a=1}[b=2]sofia/gateway/gw/123 9000 XML default');
    expect(parsed.ok && parsed.value.vars).to.deep.equal([['a', '1']]);
    expect(parsed.ok && parsed.value.dialString).to.equal('sofia/gateway/gw/123');
    expect(parsed.ok && parsed.value.legs).to.deep.equal([[{ vars: [['b', '2']], endpoint: 'sofia/gateway/gw/123' }]]);
    expect(parsed.ok && parsed.value.exten).to.equal('9000');
  });

  it('splits legs on , (at once) and | (one after the other), not inside [] or quotes', () => {
    const parsed = parseOriginate(
      "{t=30,f=tone_stream://%(200\\,0\\,600)}[u=a,n='x, y']loopback/703/ctx,[u=b]loopback/700/ctx|[u=c,leg_timeout=3]sofia/gateway/gw/1 &park()",
    );
    expect(parsed.ok && parsed.value.vars).to.deep.equal([['t', '30'], ['f', 'tone_stream://%(200,0,600)']]);
    expect(parsed.ok && parsed.value.legs).to.deep.equal([
      [
        { vars: [['u', 'a'], ['n', 'x, y']], endpoint: 'loopback/703/ctx' },
        { vars: [['u', 'b']], endpoint: 'loopback/700/ctx' },
      ],
      [{ vars: [['u', 'c'], ['leg_timeout', '3']], endpoint: 'sofia/gateway/gw/1' }],
    ]);
    expect(parsed.ok && parsed.value.app).to.equal('park');
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
