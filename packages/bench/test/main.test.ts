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

  it('exits 2 when REDIS_URL is not set, saying how to get one', async () => {
    const t = io();
    expect(await main(['--cps', '10'], t.io)).to.equal(2);
    expect(t.err.join('\n')).to.contain('REDIS_URL is not set');
  });
});
