import { expect } from 'chai';
import type { ConfigInput } from '../../src/index.js';
import { checkDestination, parseConfig } from '../../src/index.js';
import { buildConfig, EXAMPLE_ENV, exampleConfigInput } from '../fixtures/example-config.js';

function parse(edit: (c: ConfigInput) => void) {
  const input = exampleConfigInput();
  edit(input);
  return parseConfig(input, { env: EXAMPLE_ENV });
}

describe('parseConfig: follow-me, working hours, limits, low balance (rules 8-12)', () => {
  it('accepts the config reference example (README) for an employee and an account', () => {
    const result = parse((c) => {
      c.employees![0] = {
        id: 'anna',
        connection: 'pbx-a',
        extensions: ['+48221110001'],
        triggers: ['always', 'busy', 'no_answer'],
        confirm: { prompt: '/usr/share/freeswitch/sounds/callfwd/press-1-to-accept.wav', key: '1', timeoutSeconds: 8 },
        steps: [
          { targets: [{ number: '+48601000001' }], ringSeconds: 15 },
          {
            targets: [
              { number: '+48221110099', confirm: { prompt: '/usr/share/callfwd/desk.wav', key: '#', timeoutSeconds: 5 } },
              { number: '+48601000001' },
            ],
            ringSeconds: 20,
          },
        ],
        schedule: {
          timeZone: 'Europe/Warsaw',
          weekly: [
            { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:30', to: '17:00' },
            { days: ['sat'], from: '22:00', to: '06:00' },
          ],
          exceptions: [
            { date: '2026-12-24', ranges: [{ from: '08:30', to: '12:00' }] },
            { date: '2026-12-25', closed: true },
          ],
        },
        when: { always: 'outside', busy: 'inside', no_answer: 'inside' },
      };
      c.accounts[1] = {
        ...c.accounts[1]!,
        country: 'PL',
        limits: { destinations: { allow: ['49', '420'], deny: ['4839'] } },
      };
      c.billing = { lowBalanceWarning: { secondsBefore: 15, sound: '/usr/share/freeswitch/sounds/tone/low-balance.wav' } };
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const anna = result.config.employees[0]!;
    expect(anna.target, 'target filled from the first step').to.equal('+48601000001');
    expect(anna.steps).to.have.length(2);
    expect(result.config.billing.lowBalanceWarning).to.deep.equal({ secondsBefore: 15, sound: '/usr/share/freeswitch/sounds/tone/low-balance.wav' });
  });

  it('leaves every new field out of an old config: no steps, no hours, no limits, no warning tone', () => {
    const config = buildConfig((c) => void delete c.accounts?.[0]?.limits);
    expect(config.employees.map((e) => [e.steps, e.schedule, e.when, e.confirm])).to.deep.equal([
      [undefined, undefined, undefined, undefined],
      [undefined, undefined, undefined, undefined],
      [undefined, undefined, undefined, undefined],
    ]);
    expect(config.accounts.map((a) => a.limits)).to.deep.equal([undefined, undefined, undefined]);
    expect(config.billing.lowBalanceWarning).to.equal(undefined);
  });

  it('gives each account the country of the lines it pays for, unless it names one', () => {
    const config = buildConfig((c) => void (c.accounts[2]!.country = 'DE'));
    expect(config.accounts.map((a) => a.country)).to.deep.equal(['PL', 'PL', 'DE']);
  });

  it('leaves an account that pays for no line without a country (it reaches only allowed prefixes)', () => {
    const config = buildConfig((c) => void c.accounts.push({ ...c.accounts[0]!, id: 'spare' }));
    const spare = config.accounts.find((a) => a.id === 'spare')!;
    expect(spare.country).to.equal(undefined);
    expect(checkDestination(spare, '+48601000001').ok).to.equal(false);
  });

  it('warns, and still loads, when the destination rules refuse every number of an employee: celina\'s German target', () => {
    const result = parse((c) => void delete c.accounts[0]!.limits);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings).to.have.length(1);
    expect(result.warnings[0]!.path).to.equal('employees[2].target');
    expect(result.warnings[0]!.message).to.contain('never forwarded: account platform refuses every number of celina (+4930123456 international)');
  });

  it('has no warning once the paying account allows the prefix', () => {
    const result = parse((c) => void (c.accounts[0]!.limits = { destinations: { allow: ['49'] } }));
    expect(result.ok && result.warnings).to.deep.equal([]);
  });

  it('does not warn while one number of a follow-me is allowed', () => {
    const result = parse((c) => {
      const celina = c.employees![2]!;
      celina.steps = [{ targets: [{ number: '+4930123456' }, { number: '+48601000003' }], ringSeconds: 20 }];
    });
    expect(result.ok && result.warnings).to.deep.equal([]);
  });

  it('warns at the steps of a follow-me whose every number is refused', () => {
    const result = parse((c) => {
      const anna = c.employees![0]!;
      anna.target = '+48701000001';
      anna.steps = [{ targets: [{ number: '+48701000001' }, { number: '+48301000001' }], ringSeconds: 20 }];
    });
    expect(result.ok && result.warnings.map((w) => w.path)).to.include('employees[0].steps');
  });
});
