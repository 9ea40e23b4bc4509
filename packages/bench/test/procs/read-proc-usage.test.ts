import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { parseProcUsage, parseStatTicks, readProcTreeUsage, readProcUsage } from '../../src/procs/read-proc-usage.js';

describe('parseProcUsage', () => {
  it('adds utime and stime (fields 14 and 15) and reads VmHWM and VmRSS, even with spaces in the command name', () => {
    const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 130 0 0 20 0 11 0 100 1000 5000';
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
    expect(parseProcUsage(stat, status)).to.deep.equal({ cpuSeconds: 3.8, peakRssMiB: 200, rssMiB: 100 });
  });

  it('reads this process, and nothing for a pid that does not exist', () => {
    const own = readProcUsage(process.pid);
    expect(own?.peakRssMiB).to.be.greaterThan(0);
    expect(readProcUsage(2 ** 30)).to.equal(undefined);
  });
});

describe('readProcTreeUsage', () => {
  it('reads ppid, own and reaped children ticks (fields 4, 14-17)', () => {
    const stat = '4242 (postgres: x (y)) S 77 4242 4242 0 -1 4194304 100 0 0 0 250 130 40 2 20 0 11 0 100 1000 5000';
    expect(parseStatTicks(stat)).to.deep.equal({ ppid: 77, ticks: 380, childTicks: 42 });
  });

  it("counts a child's CPU with its parent's, and nothing for a root that does not exist", async () => {
    // The child says so once it has used 300 ms of CPU, then spins until stdin closes.
    const script = "let said = false; process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); const spin = () => { const end = Date.now() + 20; while (Date.now() < end); const u = process.cpuUsage(); if (!said && u.user + u.system > 300_000) { said = true; process.stdout.write('busy'); } setImmediate(spin); }; spin();";
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const whileBusy = readProcTreeUsage(process.pid);
    const alone = readProcUsage(process.pid);
    expect(whileBusy!.cpuSeconds - alone!.cpuSeconds).to.be.at.least(0.25);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.stdin.end();
    await exited;
    expect(readProcTreeUsage(2 ** 30)).to.equal(undefined);
  });
});
