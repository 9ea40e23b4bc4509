import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { createChangeHistory, createEmployeeStore } from '@callfwd/store';
import { runCli } from '../support/cli.js';
import { writeTestConfig, type TestConfig } from '../support/test-config.js';

interface ListedEmployee {
  id: string;
  connection: string;
  extensions: string[];
  target: string;
  noAnswerSeconds: number;
}

describe('callfwd employees', function () {
  this.timeout(60_000);
  let cfg: TestConfig;
  beforeEach(async () => {
    cfg = await writeTestConfig();
  });
  afterEach(() => cfg.cleanup());

  const list = async (): Promise<Record<string, ListedEmployee>> => {
    const result = await runCli(['employees', 'list', '--config', cfg.file, '--json'], cfg.env);
    expect(result.code, result.stderr).to.equal(0);
    return Object.fromEntries((JSON.parse(result.stdout) as ListedEmployee[]).map((e) => [e.id, e]));
  };

  it('lists the live employees, seeded from the config file, as a table and as JSON', async () => {
    const employees = await list();
    expect(employees.anna).to.deep.include({
      connection: 'pbx-b',
      extensions: ['+48221120001'],
      target: '+48601000001',
    });
    const table = await runCli(['employees', 'list', '--config', cfg.file], cfg.env);
    expect(table.code, table.stderr).to.equal(0);
    expect(table.stdout).to.match(/anna\s+Anna Nowak\s+pbx-b\s+\+48221120001\s+\+48601000001/);
  });

  it('sets an employee from a YAML file, the change kept with by cli:<user>, and the store sees it', async () => {
    const file = join(dirname(cfg.file), 'zoe.yaml');
    await writeFile(
      file,
      'id: zoe\nconnection: pbx-a\nextensions: ["+48221110099"]\ntarget: "+48604000099"\ntriggers: [busy, no_answer]\nnoAnswerSeconds: 25\n',
    );
    const set = await runCli(
      ['employees', 'set', 'zoe', '--file', file, '--config', cfg.file, '--json'],
      cfg.env,
    );
    expect(set.code, set.stderr).to.equal(0);
    expect(JSON.parse(set.stdout)).to.deep.include({ created: true });
    const stored = await createEmployeeStore(cfg.redis, cfg.prefix).get('zoe');
    expect(stored).to.deep.include({ connection: 'pbx-a', target: '+48604000099', noAnswerSeconds: 25 });
    const [change] = await createChangeHistory(cfg.redis, cfg.prefix).list({
      kind: 'employee',
      subject: 'zoe',
    });
    expect(change?.by).to.match(/^cli:/);
    expect(change?.old).to.equal(null);
    expect(change?.new).to.deep.include({ id: 'zoe', target: '+48604000099' });

    // replacing it keeps the old value in the history
    const again = await runCli(
      [
        'employees',
        'set',
        'zoe',
        '--json-body',
        '{"id":"zoe","connection":"pbx-a","extensions":["+48221110099"],"target":"+48604000100","triggers":["always"]}',
        '--config',
        cfg.file,
      ],
      cfg.env,
    );
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.include('employee zoe changed');
    expect((await list()).zoe?.target).to.equal('+48604000100');
    const [latest] = await createChangeHistory(cfg.redis, cfg.prefix).list({
      kind: 'employee',
      subject: 'zoe',
    });
    expect(latest?.old).to.deep.include({ target: '+48604000099' });
  });

  it('refuses what the API refuses, exit 2, and changes nothing', async () => {
    const before = await list();
    const refusals: Array<[string, string]> = [
      [
        '{"id":"zoe","connection":"nope","extensions":["+48221110099"],"target":"+48604000099","triggers":["always"]}',
        'unknown connection',
      ],
      [
        '{"id":"zoe","connection":"pbx-a","extensions":["+48221120001"],"target":"+48604000099","triggers":["always"]}',
        'already reaches employee anna',
      ],
      [
        '{"id":"zoe","connection":"pbx-a","extensions":["+48221110099"],"target":"+48604000099","triggers":["sometimes"]}',
        'triggers',
      ],
      [
        '{"id":"other","connection":"pbx-a","extensions":["+48221110099"],"target":"+48604000099","triggers":["always"]}',
        'the argument "zoe"',
      ],
      ['{not json', 'cannot read the employee'],
    ];
    // none of them changes anything, so they may run at once
    const results = await Promise.all(
      refusals.map(([body]) =>
        runCli(['employees', 'set', 'zoe', '--json-body', body, '--config', cfg.file], cfg.env),
      ),
    );
    refusals.forEach(([body, message], i) => {
      expect(results[i]?.code, body).to.equal(2);
      expect(results[i]?.stderr, body).to.include(message);
    });
    expect(await list()).to.deep.equal(before);
    expect(await createChangeHistory(cfg.redis, cfg.prefix).list({ kind: 'employee' })).to.deep.equal([]);
  });

  it('removes an employee (kept in the history), and refuses an unknown one with exit 2', async () => {
    const removed = await runCli(['employees', 'remove', 'anna', '--config', cfg.file], cfg.env);
    expect(removed.code, removed.stderr).to.equal(0);
    expect(await list()).not.to.have.property('anna');
    const [change] = await createChangeHistory(cfg.redis, cfg.prefix).list({
      kind: 'employee',
      subject: 'anna',
    });
    expect(change).to.deep.include({ new: null });
    expect(change?.by).to.match(/^cli:/);
    const unknown = await runCli(['employees', 'remove', 'anna', '--config', cfg.file], cfg.env);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include('there is no employee "anna"');
  });

  it('says what is wrong with the arguments, exit 2', async () => {
    expect((await runCli(['employees', 'fire', '--config', cfg.file], cfg.env)).stderr).to.include(
      'SUBCOMMAND',
    );
    const noBody = await runCli(['employees', 'set', 'zoe', '--config', cfg.file], cfg.env);
    expect(noBody.code).to.equal(2);
    expect(noBody.stderr).to.include('--file');
  });
});
