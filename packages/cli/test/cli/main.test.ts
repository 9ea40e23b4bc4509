import { expect } from 'chai';
import { COMMANDS } from '../../src/index.js';
import { runCli } from '../support/cli.js';
import { writeTestConfig, type TestConfig } from '../support/test-config.js';

describe('callfwd arguments and help', function () {
  this.timeout(120_000);

  it('lists every command with --help, exit 0; no command is exit 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).to.equal(0);
    for (const command of COMMANDS) expect(help.stdout).to.include(`  ${command.name}`);
    expect((await runCli([])).code).to.equal(2);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include('unknown command "frobnicate"');
  });

  for (const name of ['run', 'check-config', 'connections', 'set-forward-via', 'balance', 'topup', 'statement', 'recordings', 'queues', 'demo']) {
    it(`callfwd ${name} --help prints its usage, exit 0`, async () => {
      const result = await runCli([name, '--help']);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.match(new RegExp(`^usage: callfwd ${name}`));
    });
  }

  describe('bad arguments exit 2 and name the argument', () => {
    let cfg: TestConfig;
    before(async () => {
      cfg = await writeTestConfig();
    });
    after(() => cfg.cleanup());

    const cases: [string[], string][] = [
      [['run', '--role', 'boss'], '--role: must be listener, worker or all'],
      [['run', '--role', 'all', '--http-port', '70000'], '--http-port: must be at most 65535'],
      [['run', '--rol', 'all'], "Unknown option '--rol'"],
      [['topup', 'platform', '12.50', '--ref', 'x'], 'AMOUNT: must be a whole number'],
      [['topup', 'platform', '100'], '--ref: is required'],
      [['topup', 'Bad Id!', '100', '--ref', 'x'], 'ACCOUNT: must be an id'],
      [['topup', 'platform', '100', '--ref', 'a b'], '--ref: must be 1-128'],
      [['statement', '--limit', '0'], '--limit: must be at least 1'],
      [['statement', '--from', 'yesterday'], '--from: must be an ISO 8601 time'],
      [['statement', '--outcome', 'great'], '--outcome: must be one of'],
      [['statement', '--from', '2025-02-01T00:00:00Z', '--to', '2025-01-01T00:00:00Z'], '--to: must not be before --from'],
      [['set-forward-via', 'pbx-b'], 'LINE: is required (or --clear)'],
      [['set-forward-via', 'pbx-b', 'main', '--clear'], '--clear: give LINE or --clear, not both'],
      [['balance', 'platform', 'extra'], 'unexpected argument "extra"'],
      [['demo', '--clock-rate', 'fast'], '--clock-rate: must be a whole number'],
    ];
    for (const [args, message] of cases) {
      it(`callfwd ${args.join(' ')}`, async () => {
        const withConfig = args[0] === 'demo' ? args : [...args, '--config', cfg.file];
        const result = await runCli(withConfig, cfg.env);
        expect(result.code, result.stderr).to.equal(2);
        expect(result.stderr).to.include(message);
        expect(await cfg.redis.keys(`${cfg.prefix}:*`)).to.deep.equal([]);
      });
    }
  });

  it('bench delegates to @callfwd/bench (its usage), or says it is not in this build', async () => {
    const bench = (await import('@callfwd/bench')) as { main?: unknown };
    const result = await runCli(['bench', '--help']);
    if (typeof bench.main === 'function') {
      expect(result.stdout).to.match(/^usage: (callfwd )?bench/);
    } else {
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include('bench is not available in this build');
    }
  });
});
