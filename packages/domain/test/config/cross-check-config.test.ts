import { expect } from 'chai';
import type { ConfigInput } from '../../src/index.js';
import { parseConfig } from '../../src/index.js';
import { EXAMPLE_ENV, exampleConfigInput } from '../fixtures/example-config.js';

interface Case {
  mistake: string;
  edit: (input: ConfigInput) => void;
  path: string;
  says: string;
}

const cases: Case[] = [
  {
    mistake: 'an unknown tariff',
    edit: (c) => void (c.accounts[1]!.tariff = 'gold'),
    path: 'accounts[1].tariff',
    says: 'unknown tariff "gold"',
  },
  {
    mistake: 'an unknown fallback',
    edit: (c) => void (c.accounts[0]!.fallback = 'music'),
    path: 'accounts[0].fallback',
    says: 'unknown fallback',
  },
  {
    mistake: 'an unknown paying account',
    edit: (c) => void (c.lines[1]!.account = 'ghost'),
    path: 'lines[1].account',
    says: 'unknown account',
  },
  {
    mistake: 'forwardVia to an unknown line',
    edit: (c) => void (c.lines[3]!.forwardVia = 'pbx-z'),
    path: 'lines[3].forwardVia',
    says: 'unknown line "pbx-z"',
  },
  {
    mistake: 'an unknown failover line',
    edit: (c) => void (c.lines[3]!.failover = ['main', 'nope']),
    path: 'lines[3].failover[1]',
    says: 'unknown line',
  },
  {
    mistake: "an employee's unknown connection",
    edit: (c) => void (c.employees![0]!.connection = 'pbx-q'),
    path: 'employees[0].connection',
    says: 'unknown connection',
  },
  {
    mistake: 'a duplicate line id',
    edit: (c) => void (c.lines[4]!.id = 'pbx-a'),
    path: 'lines[4].id',
    says: 'duplicate id "pbx-a" (also lines[3])',
  },
  {
    mistake: 'a duplicate tariff id',
    edit: (c) => void (c.tariffs[1]!.id = 'standard-eur'),
    path: 'tariffs[1].id',
    says: 'duplicate id',
  },
  {
    mistake: 'a duplicate node id',
    edit: (c) => void (c.nodes[1]!.id = 'fs1'),
    path: 'nodes[1].id',
    says: 'duplicate id',
  },
  {
    mistake: 'a duplicate employee id',
    edit: (c) => void (c.employees![2]!.id = 'anna'),
    path: 'employees[2].id',
    says: 'duplicate id',
  },
  {
    mistake: 'no main line',
    edit: (c) => void (c.lines[0]!.kind = 'connected'),
    path: 'lines',
    says: 'exactly one line of kind main',
  },
  {
    mistake: 'two main lines',
    edit: (c) => void (c.lines[1]!.kind = 'main'),
    path: 'lines',
    says: 'found 2',
  },
  {
    mistake: 'a duplicate line number',
    edit: (c) => void (c.lines[2]!.number = '+48223330000'),
    path: 'lines[2].number',
    says: 'duplicate line number',
  },
  {
    mistake: 'a duplicate extension across employees',
    edit: (c) => void (c.employees![1]!.extensions = ['+48221110001']),
    path: 'employees[1].extensions[0]',
    says: 'duplicate extension',
  },
  {
    mistake: 'a duplicate extension within an employee',
    edit: (c) => void (c.employees![1]!.extensions = ['+48221120002', '+48221120002']),
    path: 'employees[1].extensions[1]',
    says: 'duplicate extension',
  },
  {
    mistake: 'a dial template without {number}',
    edit: (c) => void (c.lines[0]!.dial = 'sofia/gateway/platform/48'),
    path: 'lines[0].dial',
    says: 'must contain {number}',
  },
  {
    mistake: 'a dial template with unsafe characters',
    edit: (c) => void (c.lines[0]!.dial = 'sofia/gateway/x/{number},user/1000'),
    path: 'lines[0].dial',
    says: 'may only contain',
  },
  {
    mistake: 'a dial template with another placeholder',
    edit: (c) => void (c.lines[0]!.dial = 'sofia/gateway/{gw}/{number}'),
    path: 'lines[0].dial',
    says: 'no placeholder but {number}',
  },
  {
    mistake: 'forwardVia on a connected number',
    edit: (c) => void (c.lines[1]!.forwardVia = 'pbx-a'),
    path: 'lines[1].forwardVia',
    says: 'PBX connections only',
  },
  {
    mistake: 'forwardVia on the main line',
    edit: (c) => void (c.lines[0]!.forwardVia = 'pbx-a'),
    path: 'lines[0].forwardVia',
    says: 'PBX connections only',
  },
  {
    mistake: 'a PBX forwarding via itself',
    edit: (c) => void (c.lines[4]!.forwardVia = 'pbx-b'),
    path: 'lines[4].forwardVia',
    says: 'cannot forward via itself',
  },
  {
    mistake: "an account whose currency differs from its tariff's",
    edit: (c) => void (c.accounts[0]!.currency = 'PLN'),
    path: 'accounts[0].currency',
    says: 'differs from its tariff "standard-eur" in EUR',
  },
  {
    mistake: 'a duplicate rate prefix',
    edit: (c) => void c.tariffs[0]!.rates.push({ prefix: '48', perMinute: 1 }),
    path: 'tariffs[0].rates[3].prefix',
    says: 'duplicate prefix',
  },
  {
    mistake: 'a malformed increment',
    edit: (c) => void (c.tariffs[0]!.increment = '60'),
    path: 'tariffs[0].increment',
    says: '"<first>/<next>"',
  },
  {
    mistake: 'a float money amount',
    edit: (c) => void (c.tariffs[0]!.rates[0]!.perMinute = 9.5),
    path: 'tariffs[0].rates[0].perMinute',
    says: 'whole number',
  },
  {
    mistake: 'a number that is not E.164',
    edit: (c) => void (c.employees![0]!.target = '0601000001'),
    path: 'employees[0].target',
    says: 'E.164',
  },
  {
    mistake: 'an unsafe id',
    edit: (c) => void (c.fallbacks[0]!.id = 'Voice:Mail'),
    path: 'fallbacks[0].id',
    says: 'must be an id',
  },
];

describe('config cross-checks', () => {
  for (const { mistake, edit, path, says } of cases) {
    it(`reports ${mistake} at ${path}`, () => {
      const input = exampleConfigInput();
      edit(input);
      const result = parseConfig(input, { env: EXAMPLE_ENV });
      if (result.ok) throw new Error('expected a problem');
      const at = result.problems.filter((p) => p.path === path);
      expect(at, JSON.stringify(result.problems)).to.have.length.greaterThan(0);
      expect(at.map((p) => p.message).join(' | ')).to.contain(says);
    });
  }

  it('still runs cross-checks when another section fails the schema', () => {
    const input = exampleConfigInput();
    (input as Record<string, unknown>).redis = { mode: 'memcached' };
    input.lines[3]!.forwardVia = 'pbx-z';
    const result = parseConfig(input, { env: EXAMPLE_ENV });
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => p.path)).to.include.members(['redis.mode', 'lines[3].forwardVia']);
  });
});
