import { expect } from 'chai';
import type { ConfirmSettings } from '../../src/index.js';
import { employeeSteps } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';

const confirm: ConfirmSettings = { prompt: '/usr/share/freeswitch/sounds/callfwd/press-1.wav', key: '1', timeoutSeconds: 8 };
const own: ConfirmSettings = { prompt: '/var/lib/callfwd/sounds/hash.wav', key: '#', timeoutSeconds: 5 };

describe('rule 8: follow-me steps (employeeSteps)', () => {
  it('a single target is one step of one number ringing for the worker\'s originateTimeoutSeconds, as before follow-me', () => {
    const config = buildConfig((c) => void (c.worker = { ...c.worker, originateTimeoutSeconds: 25 }));
    const anna = config.employees[0]!;
    expect(employeeSteps(anna, config.worker)).to.deep.equal([
      { targets: [{ number: '+48601000001', confirm: null }], ringSeconds: 25 },
    ]);
  });

  it('a single target takes the employee\'s confirm', () => {
    const config = buildConfig((c) => void (c.employees![0]!.confirm = confirm));
    expect(employeeSteps(config.employees[0]!, config.worker)[0]!.targets[0]!.confirm).to.deep.equal(confirm);
  });

  it('steps keep their order and seconds; a target\'s own confirm wins over the employee\'s', () => {
    const config = buildConfig((c) => {
      const anna = c.employees![0]!;
      delete (anna as { target?: string }).target;
      anna.confirm = confirm;
      anna.steps = [
        { targets: [{ number: '+48601000001' }], ringSeconds: 15 },
        { targets: [{ number: '+48221110099', confirm: own }, { number: '+48601000001' }], ringSeconds: 20 },
      ];
    });
    const anna = config.employees[0]!;
    expect(anna.target, 'target is the first number rung').to.equal('+48601000001');
    expect(employeeSteps(anna, config.worker)).to.deep.equal([
      { targets: [{ number: '+48601000001', confirm }], ringSeconds: 15 },
      {
        targets: [
          { number: '+48221110099', confirm: own },
          { number: '+48601000001', confirm },
        ],
        ringSeconds: 20,
      },
    ]);
  });
});
