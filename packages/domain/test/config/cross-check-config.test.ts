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

  // follow-me, confirm, working hours, limits, low balance (rules 8-12)
  {
    mistake: 'a step without targets',
    edit: (c) => void (c.employees![0]!.steps = [{ targets: [], ringSeconds: 20 }]),
    path: 'employees[0].steps[0].targets',
    says: 'a step needs at least one target',
  },
  {
    mistake: 'follow-me without steps',
    edit: (c) => void (c.employees![0]!.steps = []),
    path: 'employees[0].steps',
    says: 'needs at least one step',
  },
  {
    mistake: 'eleven targets in one step',
    edit: (c) =>
      void (c.employees![0]!.steps = [
        { targets: Array.from({ length: 11 }, (_, i) => ({ number: `+486010000${String(i).padStart(2, '0')}` })), ringSeconds: 20 },
      ]),
    path: 'employees[0].steps[0].targets',
    says: 'at most 10 targets',
  },
  {
    mistake: 'the same number twice in one step',
    edit: (c) =>
      void (c.employees![0]!.steps = [
        { targets: [{ number: '+48601000001' }, { number: '+48601000002' }, { number: '+48601000001' }], ringSeconds: 20 },
      ]),
    path: 'employees[0].steps[0].targets[2].number',
    says: '+48601000001 is rung twice in this step (also targets[0])',
  },
  {
    mistake: 'a step ringing 0 seconds',
    edit: (c) => void (c.employees![0]!.steps = [{ targets: [{ number: '+48601000001' }], ringSeconds: 0 }]),
    path: 'employees[0].steps[0].ringSeconds',
    says: 'at least 1',
  },
  {
    mistake: 'a target that is not the first step\'s first number',
    edit: (c) => void (c.employees![0]!.steps = [{ targets: [{ number: '+48601000009' }], ringSeconds: 20 }]),
    path: 'employees[0].target',
    says: 'give target or steps, not both',
  },
  {
    mistake: 'neither target nor steps',
    edit: (c) => void delete (c.employees![0] as { target?: string }).target,
    path: 'employees[0].target',
    says: '',
  },
  {
    mistake: 'a confirm key outside the DTMF set',
    edit: (c) => void (c.employees![0]!.confirm = { prompt: '/sounds/press.wav', key: 'A' as '1', timeoutSeconds: 5 }),
    path: 'employees[0].confirm.key',
    says: 'one DTMF key: 0-9, * or #',
  },
  {
    mistake: 'two confirm keys',
    edit: (c) => void (c.employees![0]!.confirm = { prompt: '/sounds/press.wav', key: '12' as '1', timeoutSeconds: 5 }),
    path: 'employees[0].confirm.key',
    says: 'one DTMF key',
  },
  {
    mistake: 'a confirm timeout over 30 s',
    edit: (c) => void (c.employees![0]!.confirm = { prompt: '/sounds/press.wav', key: '1', timeoutSeconds: 31 }),
    path: 'employees[0].confirm.timeoutSeconds',
    says: 'at most 30',
  },
  {
    mistake: 'a per-target confirm prompt with a comma (would split the dial string)',
    edit: (c) =>
      void (c.employees![0]!.steps = [
        { targets: [{ number: '+48601000001', confirm: { prompt: '/sounds/a,b.wav', key: '1', timeoutSeconds: 5 } }], ringSeconds: 20 },
      ]),
    path: 'employees[0].steps[0].targets[0].confirm.prompt',
    says: 'absolute sound path',
  },
  ...['/sounds/a b.wav', "/sounds/a'b.wav", '/sounds/a|b.wav', '/sounds/[a].wav', '/sounds/{a}.wav', 'sounds/a.wav', '/sounds/../etc/passwd', '${sounds_dir}/a.wav'].map(
    (prompt): Case => ({
      mistake: `a confirm prompt ${JSON.stringify(prompt)}`,
      edit: (c) => void (c.employees![0]!.confirm = { prompt, key: '1', timeoutSeconds: 5 }),
      path: 'employees[0].confirm.prompt',
      says: 'must',
    }),
  ),
  {
    mistake: 'a time zone Intl does not know',
    edit: (c) => void (c.employees![0]!.schedule = { timeZone: 'Mars/Olympus_Mons', weekly: [{ days: ['mon'], from: '09:00', to: '17:00' }] }),
    path: 'employees[0].schedule.timeZone',
    says: 'not a time zone this platform knows',
  },
  {
    mistake: 'a schedule that never opens',
    edit: (c) => void (c.employees![0]!.schedule = { timeZone: 'Europe/Warsaw', weekly: [], exceptions: [{ date: '2026-12-24', closed: true }] }),
    path: 'employees[0].schedule',
    says: 'never opens: it has no weekly range and no exception with ranges',
  },
  {
    mistake: 'inside hours without a schedule',
    edit: (c) => void (c.employees![0]!.when = { busy: 'inside' }),
    path: 'employees[0].when.busy',
    says: '"inside" working hours needs a schedule',
  },
  {
    mistake: 'hours for a trigger the employee does not have',
    edit: (c) => {
      c.employees![0]!.schedule = { timeZone: 'Europe/Warsaw', weekly: [{ days: ['mon'], from: '09:00', to: '17:00' }] };
      c.employees![0]!.when = { always: 'outside' };
    },
    path: 'employees[0].when.always',
    says: '"always" is not one of the employee\'s triggers',
  },
  {
    mistake: 'hours for a trigger that does not exist',
    edit: (c) => void (c.employees![0]!.when = { sometimes: 'inside' } as never),
    path: 'employees[0].when',
    says: 'Unrecognized key: "sometimes"',
  },
  {
    mistake: 'hours that are not always, inside or outside',
    edit: (c) => void (c.employees![0]!.when = { busy: 'night' } as never),
    path: 'employees[0].when.busy',
    says: '',
  },
  {
    mistake: 'a concurrent-forward limit below 1',
    edit: (c) => void (c.accounts[0]!.limits = { maxConcurrentForwards: 0 }),
    path: 'accounts[0].limits.maxConcurrentForwards',
    says: 'must be at least 1',
  },
  {
    mistake: 'a fractional concurrent-forward limit',
    edit: (c) => void (c.accounts[0]!.limits = { maxConcurrentForwards: 1.5 }),
    path: 'accounts[0].limits.maxConcurrentForwards',
    says: 'whole number',
  },
  {
    mistake: 'a destination prefix with "+"',
    edit: (c) => void (c.accounts[0]!.limits = { destinations: { allow: ['+49'] } }),
    path: 'accounts[0].limits.destinations.allow[0]',
    says: 'without "+"',
  },
  {
    mistake: 'a prefix both allowed and denied',
    edit: (c) => void (c.accounts[0]!.limits = { destinations: { allow: ['49'], deny: ['49'] } }),
    path: 'accounts[0].limits.destinations.deny[0]',
    says: 'both allowed and denied',
  },
  {
    mistake: 'an unknown country',
    edit: (c) => void (c.accounts[0]!.country = 'QQ'),
    path: 'accounts[0].country',
    says: 'not a country in the calling-code table',
  },
  {
    mistake: 'an account paying for lines in two countries, without a country',
    edit: (c) => void (c.lines[1]!.number = '+4930999000'),
    path: 'accounts[0].country',
    says: 'needed: the lines this account pays for',
  },
  {
    mistake: 'a low-balance warning with an unsafe sound',
    edit: (c) => void (c.billing = { lowBalanceWarning: { secondsBefore: 10, sound: '/sounds/beep.wav,park' } }),
    path: 'billing.lowBalanceWarning.sound',
    says: 'absolute sound path',
  },
  {
    mistake: 'a low-balance warning 0 s before',
    edit: (c) => void (c.billing = { lowBalanceWarning: { secondsBefore: 0, sound: '/sounds/beep.wav' } }),
    path: 'billing.lowBalanceWarning.secondsBefore',
    says: 'at least 1',
  },
  {
    mistake: 'a low-balance warning earlier than the worker knows the call is cut',
    edit: (c) => void (c.billing = { renewBeforeSeconds: 20, lowBalanceWarning: { secondsBefore: 25, sound: '/sounds/beep.wav' } }),
    path: 'billing.lowBalanceWarning.secondsBefore',
    says: 'at most renewBeforeSeconds',
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
