import { expect } from 'chai';
import { main } from '../src/main.js';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env } };
}

describe('main', () => {
  it('prints the usage and exits 2 on --help', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).to.equal(2);
    expect(t.out.join('\n')).to.match(/^usage: bench/);
  });

  it('exits 2 with the problem and the usage on a bad argument', async () => {
    const t = io({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await main(['--cps', '-5'], t.io)).to.equal(2);
    expect(t.err.join('\n')).to.contain('--cps needs a number').and.to.contain('usage: bench');
    expect(t.out).to.deep.equal([]);
  });

  it('exits 2 on the retired CALLFWD_BENCH_RING_MS, naming the option that replaced it', async () => {
    const t = io({ REDIS_URL: 'redis://127.0.0.1:1', CALLFWD_BENCH_RING_MS: '10000' });
    expect(await main(['--cps', '10'], t.io)).to.equal(2);
    expect(t.err.join('\n')).to.contain('--mix fast --ring-ms 10000');
  });

  it('exits 2 on bad CALLFWD_BENCH_MIX weights for the fast mix', async () => {
    const t = io({ REDIS_URL: 'redis://127.0.0.1:1', CALLFWD_BENCH_MIX: '1,2' });
    expect(await main(['--mix', 'fast'], t.io)).to.equal(2);
    expect(t.err.join('\n')).to.contain('CALLFWD_BENCH_MIX needs 4 weights');
  });

  it('exits 2 on --postgres without a PostgreSQL to use, saying how to get one', async () => {
    const envs: Array<Record<string, string>> = [{}, { DATABASE_URL: 'postgres://u@127.0.0.1:1/callfwd' }, { DATABASE_URL: 'postgres://u@127.0.0.1:1/callfwd', CALLFWD_BENCH_PG_PID: 'x' }];
    for (const env of envs) {
      const t = io({ REDIS_URL: 'redis://127.0.0.1:1', ...env });
      expect(await main(['--cps', '10', '--postgres'], t.io)).to.equal(2);
      expect(t.err.join('\n')).to.contain('scripts/bench --postgres');
    }
  });

  it('exits 2 when REDIS_URL is not set, saying how to get one', async () => {
    const t = io();
    expect(await main(['--cps', '10'], t.io)).to.equal(2);
    expect(t.err.join('\n')).to.contain('REDIS_URL is not set');
  });
});
