import { expect } from 'chai';
import type { ForwardRoute } from '../../src/index.js';
import { chooseForwardRoute, classifyHangupCause, failsOver } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';

const config = buildConfig();

function summary(route: ForwardRoute) {
  if (!route.ok) throw new Error(`${route.reason}: ${route.detail}`);
  return route.attempts.map((a) => ({
    line: a.line.id,
    account: a.account.id,
    tariff: a.tariff.id,
    dial: a.dialString,
    why: a.viaReason,
    attempt: a.attempt,
  }));
}

describe('rule 3: why people use forward-via (chooseForwardRoute)', () => {
  it('receive through a PBX, forward out through platform telephony, paying platform rates', () => {
    const route = chooseForwardRoute({ config, connection: 'pbx-b', target: '+48602000002', overrides: {} });
    expect(summary(route)[0]).to.deep.equal({
      line: 'main',
      account: 'platform',
      tariff: 'standard-eur',
      dial: 'sofia/gateway/platform/48602000002',
      why: 'default_main',
      attempt: 0,
    });
  });

  it('forward out through platform telephony because outbound via the PBX does not work (set at run time)', () => {
    const route = chooseForwardRoute({
      config,
      connection: 'pbx-a',
      target: '+48601000001',
      overrides: { 'pbx-a': 'main' },
    });
    expect(summary(route).map((a) => [a.line, a.account, a.why])).to.deep.equal([
      ['main', 'platform', 'runtime_override'],
      ['office', 'platform', 'failover'],
    ]);
  });

  it('receive through PBX A, forward out through PBX B, paid by PBX B’s provider at its tariff', () => {
    const route = chooseForwardRoute({ config, connection: 'pbx-a', target: '+48601000001', overrides: {} });
    expect(summary(route)[0]).to.deep.equal({
      line: 'pbx-b',
      account: 'provider-b',
      tariff: 'pbx-pln',
      dial: 'sofia/gateway/pbx-b/48601000001',
      why: 'configured',
      attempt: 0,
    });
  });
});

describe('rule 7: a failed route fails over to the next configured line', () => {
  it("uses the connection's failover when the via line has none (pbx-a via pbx-b, then main)", () => {
    const route = chooseForwardRoute({ config, connection: 'pbx-a', target: '+48601000001', overrides: {} });
    expect(summary(route).map((a) => [a.line, a.why, a.attempt])).to.deep.equal([
      ['pbx-b', 'configured', 0],
      ['main', 'failover', 1],
    ]);
    expect(route.ok && route.explanation).to.contain('on a failed route then main');
  });

  it("prefers the via line's own failover (pbx-b via main, then office)", () => {
    const route = chooseForwardRoute({ config, connection: 'pbx-b', target: '+48602000002', overrides: {} });
    expect(summary(route).map((a) => a.line)).to.deep.equal(['main', 'office']);
  });

  it('removes repeats, keeping the order', () => {
    const edited = buildConfig((c) => {
      c.lines[4]!.failover = ['main', 'office', 'main', 'pbx-b'];
    });
    const route = chooseForwardRoute({
      config: edited,
      connection: 'pbx-a',
      target: '+48601000001',
      overrides: {},
    });
    expect(summary(route).map((a) => a.line)).to.deep.equal(['pbx-b', 'main', 'office']);
  });

  it('a route_down failure on PBX B leads to the platform line', () => {
    const route = chooseForwardRoute({ config, connection: 'pbx-a', target: '+48601000001', overrides: {} });
    const failure = classifyHangupCause('-ERR NORMAL_TEMPORARY_FAILURE');
    expect(failure).to.deep.equal({ by: 'route', outcome: 'route_down' });
    expect(failsOver(failure.outcome)).to.equal(true);
    expect(summary(route)[1]!.line).to.equal('main');
  });

  it('a rented number has one attempt: itself', () => {
    const route = chooseForwardRoute({ config, connection: 'sales', target: '+4930123456', overrides: {} });
    expect(summary(route)).to.deep.equal([
      {
        line: 'sales',
        account: 'platform',
        tariff: 'standard-eur',
        dial: 'sofia/gateway/platform/4930123456',
        why: 'own_line',
        attempt: 0,
      },
    ]);
  });
});

describe('chooseForwardRoute refusals', () => {
  const table: Array<[string, string, Record<string, string>, string]> = [
    ['pbx-z', '+48601000001', {}, 'unknown_connection'],
    ['pbx-a', '+48601000001', { 'pbx-a': 'gone' }, 'unknown_line'],
    ['pbx-a', '0601000001', {}, 'invalid_target'],
    ['pbx-a', '+48601000001;evil', {}, 'invalid_target'],
  ];
  for (const [connection, target, overrides, reason] of table) {
    it(`${connection} to ${target} with ${JSON.stringify(overrides)}: ${reason}`, () => {
      const route = chooseForwardRoute({ config, connection, target, overrides });
      expect(route.ok ? 'ok' : route.reason).to.equal(reason);
    });
  }
});
