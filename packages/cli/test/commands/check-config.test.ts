import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';

const EXAMPLE = join(REPO_ROOT, 'infra/config/callfwd.example.yaml');
const EXAMPLE_ENV = {
  CALLFWD_FS1_PASSWORD: 'fs1-Strong-1',
  CALLFWD_FS2_PASSWORD: 'fs2-Strong-2',
  CALLFWD_REDIS_PASSWORD: 'redis-Strong-3',
  CALLFWD_HTTP_TOKEN: 'token-Strong-4',
};

describe('callfwd check-config', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'callfwd-check-config-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('accepts infra/config/callfwd.example.yaml with its env vars set, and summarizes it', async () => {
    const result = await runCli(['check-config', '--config', EXAMPLE], EXAMPLE_ENV);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('is valid');
    expect(result.stdout).to.match(/pbx-a\s+pbx-b\s+\+48221120000\s+pbx-a forwards via pbx-b/);
    expect(result.stdout).to.match(/pbx-b\s+main\s+\+48221000000/);
    for (const secret of Object.values(EXAMPLE_ENV)) expect(result.stdout).not.to.include(secret);
  });

  it('reads the file from $CALLFWD_CONFIG and prints JSON with --json', async () => {
    const result = await runCli(['check-config', '--json'], { ...EXAMPLE_ENV, CALLFWD_CONFIG: EXAMPLE });
    expect(result.code, result.stderr).to.equal(0);
    const doc = JSON.parse(result.stdout) as { ok: boolean; summary: { nodes: unknown[]; connections: { connection: string; reason: string }[] } };
    expect(doc.ok).to.equal(true);
    expect(doc.summary.nodes).to.have.length(2);
    expect(doc.summary.connections.map((c) => [c.connection, c.reason])).to.deep.equal([
      ['pbx-a', 'configured'],
      ['pbx-b', 'default_main'],
    ]);
  });

  it('lists every problem of a broken config with its path and line, exit 2', async () => {
    const text = (await readFile(EXAMPLE, 'utf8'))
      .replace('port: 8022', 'port: 99999')
      .replace("id: pbx-pln # what the PBX providers charge\n    currency: PLN", "id: pbx-pln # what the PBX providers charge\n    currency: pln")
      .replace('forwardVia: pbx-b', 'forwardVia: nowhere')
      .replace('openingBalance: 20000', 'openingBalance: 12.5')
      .replace("target: '+48601000001'", "target: '0601000001'");
    const file = join(dir, 'broken.yaml');
    await writeFile(file, text);
    const result = await runCli(['check-config', '--config', file], { ...EXAMPLE_ENV, CALLFWD_FS1_PASSWORD: 'ClueCon' });
    expect(result.code).to.equal(2);
    const problems = result.stderr.split('\n').filter((line) => line.startsWith(`  ${file}:`));
    const paths = problems.map((line) => /^ {2}[^:]+:\d+:\d+: ([^:]+):/.exec(line)?.[1]);
    expect(paths).to.include.members([
      'nodes[1].port',
      'tariffs[1].currency',
      'lines[3].forwardVia',
      'accounts[1].openingBalance',
      'employees[0].target',
      'nodes[0].passwordEnv',
    ]);
    expect(result.stderr).to.include("FreeSWITCH's well-known default");
    expect(result.stderr).not.to.include('ClueCon');
    // The line of nodes[1].port is where the 99999 is.
    const portLine = text.split('\n').findIndex((line) => line.includes('99999')) + 1;
    expect(problems.find((line) => line.includes('nodes[1].port'))).to.include(`${file}:${portLine}:`);
  });

  it('accepts the default ClueCon password only with --insecure-dev', async () => {
    const env = { ...EXAMPLE_ENV, CALLFWD_FS1_PASSWORD: 'ClueCon' };
    expect((await runCli(['check-config', '--config', EXAMPLE], env)).code).to.equal(2);
    expect((await runCli(['check-config', '--config', EXAMPLE, '--insecure-dev'], env)).code).to.equal(0);
  });

  it('names every missing environment variable', async () => {
    const result = await runCli(['check-config', '--config', EXAMPLE], {});
    expect(result.code).to.equal(2);
    for (const name of Object.keys(EXAMPLE_ENV)) expect(result.stderr).to.include(`environment variable ${name} is not set`);
  });

  it('reports a YAML syntax error with its line and column, exit 2', async () => {
    const file = join(dir, 'syntax.yaml');
    await writeFile(file, 'nodes:\n  - id: fs1\n    host: [127.0.0.1\nredis:\n  mode: standalone\n');
    const result = await runCli(['check-config', '--config', file], EXAMPLE_ENV);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('is not valid YAML');
    expect(result.stderr).to.match(new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
  });

  it('says which file cannot be read, exit 2', async () => {
    const result = await runCli(['check-config', '--config', join(dir, 'missing.yaml')], EXAMPLE_ENV);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('missing.yaml').and.to.include('ENOENT');
  });
});
