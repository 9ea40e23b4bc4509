import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../faults/support/callfwd-process.js';

// The short soak of scripts/test: 2 minutes of the call mix at 2 calls/s with every kind of fault,
// seed 1; talks capped at 30 s so the settle stays short. The soak starts its own PostgreSQL (the
// pg-restart fault restarts it), so the suite's DATABASE_URL is not used.
const ARGS = ['--minutes', '2', '--cps', '2', '--seed', '1', '--talk', '5-30'];

function runSoak(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(REPO_ROOT, 'scripts/soak'), ARGS, { cwd: REPO_ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const figure = (stdout: string, label: string): number => Number(new RegExp(`^${label}\\s+(\\d+)`, 'm').exec(stdout)?.[1] ?? NaN);

describe('soak: 2 minutes of calls with random faults, then the invariant checker (seed 1)', function () {
  this.timeout(15 * 60_000);

  it('exits 0 with a summary: calls placed, faults done, no violation', async () => {
    const { code, stdout, stderr } = await runSoak();
    // The summary table and where the run's history and logs are, for whoever reads the suite's output.
    process.stdout.write(`${stdout.slice(Math.max(0, stdout.indexOf('SOAK SUMMARY')))}\n`);
    const violations = stdout.split('\n').filter((l) => l.startsWith('VIOLATION')).slice(0, 20);
    expect(code, `${violations.join('\n')}\n${stderr.slice(-3000)}`).to.equal(0);
    expect(stdout).to.include('SOAK SUMMARY');
    expect(figure(stdout, 'calls placed')).to.be.greaterThan(100);
    expect(figure(stdout, 'faults')).to.be.greaterThan(0);
    expect(figure(stdout, 'violations')).to.equal(0);
    // PostgreSQL was in the run: its invariants were checked, not skipped.
    expect(stdout).to.match(/^ {2}pg-journal\s+0$/m);
    expect(stdout).to.not.include('PostgreSQL invariants skipped');
  });
});
