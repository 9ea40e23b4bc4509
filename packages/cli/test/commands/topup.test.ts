import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { writeTestConfig, type TestConfig } from '../support/test-config.js';

interface BalanceRow {
  account: string;
  balance: number;
  reserved: number;
  available: number;
}

describe('callfwd topup and balance', function () {
  this.timeout(60_000);
  let cfg: TestConfig;
  beforeEach(async () => {
    cfg = await writeTestConfig();
  });
  afterEach(() => cfg.cleanup());

  const balanceOf = async (account: string) => {
    const result = await runCli(['balance', account, '--config', cfg.file, '--json'], cfg.env);
    expect(result.code, result.stderr).to.equal(0);
    return (JSON.parse(result.stdout) as BalanceRow[])[0]!;
  };

  it('starts from the opening balance and adds a top-up once per ref', async () => {
    expect(await balanceOf('prepaid')).to.deep.include({ balance: 45, reserved: 0, available: 45 });
    const first = await runCli(['topup', 'prepaid', '1000', '--ref', 'inv-1', '--config', cfg.file, '--json'], cfg.env);
    expect(first.code, first.stderr).to.equal(0);
    expect(JSON.parse(first.stdout)).to.deep.include({ applied: true, balance: 1045 });
    const again = await runCli(['topup', 'prepaid', '1000', '--ref', 'inv-1', '--config', cfg.file], cfg.env);
    expect(again.code).to.equal(0);
    expect(again.stdout).to.include('applied before: nothing added');
    expect(await balanceOf('prepaid')).to.deep.include({ balance: 1045 });
  });

  it('refuses a ref reused for another amount, and an unknown account, exit 2', async () => {
    expect((await runCli(['topup', 'prepaid', '100', '--ref', 'inv-2', '--config', cfg.file], cfg.env)).code).to.equal(0);
    const reused = await runCli(['topup', 'prepaid', '200', '--ref', 'inv-2', '--config', cfg.file], cfg.env);
    expect(reused.code).to.equal(2);
    expect(reused.stderr).to.include('already used');
    expect((await runCli(['topup', 'nobody', '100', '--ref', 'inv-3', '--config', cfg.file], cfg.env)).code).to.equal(2);
    expect(await balanceOf('prepaid')).to.deep.include({ balance: 145 });
  });

  it('lists every account in a table', async () => {
    const result = await runCli(['balance', '--config', cfg.file], cfg.env);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/platform\s+Platform telephony balance\s+100000\s+0\s+100000\s+1000\.00 EUR/);
    expect(result.stdout.split('\n').filter((l) => /^(platform|provider-[abc]|empty|prepaid) /.test(l))).to.have.length(6);
  });
});
