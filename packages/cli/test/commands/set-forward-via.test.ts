import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { writeTestConfig, type TestConfig } from '../support/test-config.js';

describe('callfwd set-forward-via and connections', function () {
  this.timeout(60_000);
  let cfg: TestConfig;
  beforeEach(async () => {
    cfg = await writeTestConfig();
  });
  afterEach(() => cfg.cleanup());

  it('refuses a rented number with the domain message, exit 2, and changes nothing in Redis', async () => {
    const result = await runCli(['set-forward-via', 'sales', 'main', '--config', cfg.file], cfg.env);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('sales (+48225550000) is a rented number, not a PBX connection').and.to.include('Nothing changed');
    expect(await cfg.redis.keys(`${cfg.prefix}:*`)).to.deep.equal([]);
  });

  it('refuses an unknown line and forwarding via itself, exit 2', async () => {
    expect((await runCli(['set-forward-via', 'pbx-b', 'nope', '--config', cfg.file], cfg.env)).code).to.equal(2);
    const self = await runCli(['set-forward-via', 'pbx-b', 'pbx-b', '--config', cfg.file], cfg.env);
    expect(self.code).to.equal(2);
    expect(self.stderr).to.include('cannot forward via itself');
    expect(await cfg.redis.keys(`${cfg.prefix}:*`)).to.deep.equal([]);
  });

  it('shows configured, default-main and run-time override, and --clear goes back', async () => {
    const show = async () => {
      const result = await runCli(['connections', '--config', cfg.file, '--json'], cfg.env);
      expect(result.code, result.stderr).to.equal(0);
      const rows = JSON.parse(result.stdout) as { connection: string; via: string; reason: string; changedBy?: string }[];
      return Object.fromEntries(rows.map((r) => [r.connection, r]));
    };
    const before = await show();
    expect(before['pbx-a']).to.deep.include({ via: 'pbx-b', reason: 'configured' });
    expect(before['pbx-b']).to.deep.include({ via: 'main', reason: 'default_main' });
    expect(before).not.to.have.property('sales');

    const set = await runCli(['set-forward-via', 'pbx-b', 'office', '--config', cfg.file, '--json'], cfg.env);
    expect(set.code, set.stderr).to.equal(0);
    expect(JSON.parse(set.stdout)).to.deep.include({ connection: 'pbx-b', line: 'office', reason: 'runtime_override' });
    const overridden = await show();
    expect(overridden['pbx-b']).to.deep.include({ via: 'office', reason: 'runtime_override' });
    expect(overridden['pbx-b']!.changedBy).to.match(/^cli/);

    const table = await runCli(['connections', '--config', cfg.file], cfg.env);
    expect(table.stdout).to.match(/pbx-b\s+\+48221120000\s+office\s+\+48223330000\s+platform\s+runtime_override/);

    expect((await runCli(['set-forward-via', 'pbx-b', '--clear', '--config', cfg.file], cfg.env)).code).to.equal(0);
    expect((await show())['pbx-b']).to.deep.include({ via: 'main', reason: 'default_main' });
  });

  it('exits 1 when Redis cannot be reached', async () => {
    const { readFile, writeFile } = await import('node:fs/promises');
    const text = await readFile(cfg.file, 'utf8');
    await writeFile(cfg.file, text.replace(/url: redis:\/\/[^\n]+/, 'url: redis://127.0.0.1:1'));
    const result = await runCli(['connections', '--config', cfg.file], cfg.env);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('cannot reach Redis');
  });
});
