import { expect } from 'chai';
import { Redis } from 'ioredis';
import { loadScripts, runScript } from '../../src/lua/scripts.js';

describe('loadScripts / runScript', () => {
  it('finds every script file and defines it as a command', () => {
    const redis = new Redis({ lazyConnect: true });
    loadScripts(redis, [
      'ledger-topup',
      'ledger-reserve',
      'ledger-release',
      'ledger-settle',
      'job-claim',
      'job-advance',
      'job-renew',
      'job-mark-settled',
      'indexed-put',
    ]);
    expect(redis).to.have.property('callfwd_ledger_settle').that.is.a('function');
    expect(redis).to.have.property('callfwd_indexed_put').that.is.a('function');
    redis.disconnect();
  });

  it('refuses to run a script that was not loaded on the connection', () => {
    const redis = new Redis({ lazyConnect: true });
    expect(() => runScript(redis, 'ledger-settle', [], [])).to.throw(/not loaded/);
    redis.disconnect();
  });
});
