import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { writeTestConfig, type TestConfig } from '../support/test-config.js';

describe('callfwd dialplan', function () {
  this.timeout(60_000);
  let cfg: TestConfig;
  beforeEach(async () => {
    cfg = await writeTestConfig();
  });
  afterEach(() => cfg.cleanup());

  it('prints the file dialplan of the live employees, and follows a change made with callfwd employees', async () => {
    const first = await runCli(['dialplan', '--config', cfg.file], cfg.env);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/^<!-- callfwd: generated/);
    expect(first.stdout).to.include('<include>');
    expect(first.stdout).to.include('callfwd_connection=pbx-b'); // anna, from the config file
    expect(first.stdout).to.include('park_timeout=180');
    expect(first.stdout).not.to.include('+48221110099');

    const set = await runCli(
      [
        'employees',
        'set',
        'zoe',
        '--json-body',
        '{"id":"zoe","connection":"pbx-a","extensions":["+48221110099"],"target":"+48604000099","triggers":["no_answer"],"noAnswerSeconds":17}',
        '--config',
        cfg.file,
      ],
      cfg.env,
    );
    expect(set.code, set.stderr).to.equal(0);
    const removed = await runCli(['employees', 'remove', 'anna', '--config', cfg.file], cfg.env);
    expect(removed.code, removed.stderr).to.equal(0);

    const after = await runCli(['dialplan', '--config', cfg.file, '--park-timeout', '240'], cfg.env);
    expect(after.code, after.stderr).to.equal(0);
    expect(after.stdout).to.include('48221110099');
    expect(after.stdout).to.include('call_timeout=17');
    expect(after.stdout).to.include('park_timeout=240');
    expect(after.stdout).not.to.include('48221120001');
  });

  it('refuses a bad option value, exit 2', async () => {
    const result = await runCli(['dialplan', '--park-timeout', 'soon', '--config', cfg.file], cfg.env);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('--park-timeout');
  });
});
