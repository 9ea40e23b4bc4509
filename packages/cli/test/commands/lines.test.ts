import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { createChangeHistory, createLineStore } from '@callfwd/store';
import { runCli } from '../support/cli.js';
import { writeTestConfig, type TestConfig } from '../support/test-config.js';

interface ListedLine {
  id: string;
  kind: string;
  number: string;
  dial: string;
  account: string;
}

const PBX_Z = '{"id":"pbx-z","kind":"pbx","number":"+48221990000","dial":"sofia/gateway/pbx-z/{number}","account":"provider-a"}';

describe('callfwd lines', function () {
  this.timeout(60_000);
  let cfg: TestConfig;
  beforeEach(async () => {
    cfg = await writeTestConfig();
  });
  afterEach(() => cfg.cleanup());

  const list = async (): Promise<Record<string, ListedLine>> => {
    const result = await runCli(['lines', 'list', '--config', cfg.file, '--json'], cfg.env);
    expect(result.code, result.stderr).to.equal(0);
    return Object.fromEntries((JSON.parse(result.stdout) as ListedLine[]).map((l) => [l.id, l]));
  };

  it('lists the live lines, seeded from the config file, as a table and as JSON', async () => {
    const lines = await list();
    expect(lines.main).to.deep.include({ kind: 'main', number: '+48221000000', account: 'platform' });
    expect(Object.keys(lines)).to.include.members(['office', 'sales', 'pbx-a', 'pbx-k']);
    const table = await runCli(['lines', 'list', '--config', cfg.file], cfg.env);
    expect(table.code, table.stderr).to.equal(0);
    expect(table.stdout).to.match(/pbx-a\s+pbx\s+\+48221110000\s+sofia\/gateway\/pbx-a\/\{number\}\s+provider-a\s+pbx-b\s+main/);
  });

  it('sets a line from a YAML file and removes it, each change kept with by cli:<user>; an employee may use it', async () => {
    const file = join(dirname(cfg.file), 'pbx-z.yaml');
    await writeFile(file, 'id: pbx-z\nkind: pbx\nnumber: "+48221990000"\ndial: sofia/gateway/pbx-z/{number}\naccount: provider-a\nforwardVia: main\n');
    const set = await runCli(['lines', 'set', 'pbx-z', '--file', file, '--config', cfg.file, '--json'], cfg.env);
    expect(set.code, set.stderr).to.equal(0);
    expect(JSON.parse(set.stdout)).to.deep.include({ created: true });
    expect(await createLineStore(cfg.redis, cfg.prefix).get('pbx-z')).to.deep.include({ forwardVia: 'main', earlyMedia: 'ringback' });

    const connections = await runCli(['connections', '--config', cfg.file, '--json'], cfg.env);
    expect(connections.code, connections.stderr).to.equal(0);
    const row = (JSON.parse(connections.stdout) as Array<{ connection: string; via: string; reason: string }>).find((r) => r.connection === 'pbx-z');
    expect(row, 'callfwd connections lists the live line').to.deep.include({ via: 'main', reason: 'configured' });

    const zoe = '{"id":"zoe","connection":"pbx-z","extensions":["+48221990001"],"target":"+48604000099","triggers":["always"]}';
    const employee = await runCli(['employees', 'set', 'zoe', '--json-body', zoe, '--config', cfg.file], cfg.env);
    expect(employee.code, employee.stderr).to.equal(0);
    const inUse = await runCli(['lines', 'remove', 'pbx-z', '--config', cfg.file], cfg.env);
    expect(inUse.code).to.equal(2);
    expect(inUse.stderr).to.include('unknown connection (line) "pbx-z"');
    expect((await runCli(['employees', 'remove', 'zoe', '--config', cfg.file], cfg.env)).code).to.equal(0);

    const removed = await runCli(['lines', 'remove', 'pbx-z', '--config', cfg.file], cfg.env);
    expect(removed.code, removed.stderr).to.equal(0);
    expect(await list()).not.to.have.property('pbx-z');
    const changes = await createChangeHistory(cfg.redis, cfg.prefix).list({ kind: 'line', subject: 'pbx-z' });
    expect(changes.map((c) => [c.old === null, c.new === null])).to.deep.equal([
      [false, true],
      [true, false],
    ]);
    expect(changes.every((c) => c.by.startsWith('cli:'))).to.equal(true);
  });

  it('refuses what the API refuses, exit 2, and changes nothing', async () => {
    const before = await list();
    const refusals: Array<[string[], string]> = [
      [['remove', 'main'], 'exactly one line of kind main'],
      [['remove', 'sales'], 'unknown connection (line) "sales"'],
      [['remove', 'pbx-b'], 'unknown line "pbx-b"'],
      [['remove', 'pbx-y'], 'there is no line "pbx-y"'],
      [['set', 'pbx-z', '--json-body', PBX_Z.replace('provider-a', 'ghost')], 'account: unknown account "ghost"'],
      [['set', 'pbx-z', '--json-body', PBX_Z.replace('+48221990000', '+48221000000')], 'duplicate line number'],
      [['set', 'pbx-z', '--json-body', PBX_Z.replace('/{number}', '/')], 'dial'],
      [['set', 'pbx-y', '--json-body', PBX_Z], 'the argument "pbx-y"'],
      [['set', 'pbx-z', '--json-body', '{not json'], 'cannot read the line'],
    ];
    // none of them changes anything, so they may run at once
    const results = await Promise.all(refusals.map(([args]) => runCli(['lines', ...args, '--config', cfg.file], cfg.env)));
    refusals.forEach(([args, message], i) => {
      expect(results[i]?.code, args.join(' ')).to.equal(2);
      expect(results[i]?.stderr, args.join(' ')).to.include(message);
    });
    expect(await list()).to.deep.equal(before);
    expect(await createChangeHistory(cfg.redis, cfg.prefix).list({ kind: 'line' })).to.deep.equal([]);
  });
});
