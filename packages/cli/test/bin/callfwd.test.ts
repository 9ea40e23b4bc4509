import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../support/cli.js';

const BIN = fileURLToPath(new URL('../../bin/callfwd.js', import.meta.url));

describe('bin/callfwd.js (the package bin)', function () {
  this.timeout(60_000);

  it('runs the command from the sources without a build step', () => {
    const result = spawnSync(process.execPath, [BIN, 'check-config', '--help'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, CALLFWD_FROM_SOURCE: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/^usage: callfwd check-config/);
  });

  it('passes the exit code on (unknown command: 2)', () => {
    const result = spawnSync(process.execPath, [BIN, 'nope'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH, CALLFWD_FROM_SOURCE: '1' }, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).to.equal(2);
  });
});
