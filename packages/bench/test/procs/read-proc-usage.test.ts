import { expect } from 'chai';
import { parseProcUsage, readProcUsage } from '../../src/procs/read-proc-usage.js';

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
