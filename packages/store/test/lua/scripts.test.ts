import { expect } from 'chai';
import { Redis } from 'ioredis';
import { loadScripts, runScript } from '../../src/lua/scripts.js';
import { randomPrefix, redisUrl } from '../support/redis.js';

describe('loadScripts / runScript', () => {
  it('finds every script file and defines it as a command', () => {
    const redis = new Redis({ lazyConnect: true });
    loadScripts(redis, [
      'ledger-topup',
      'ledger-hold',
      'ledger-extend-hold',
      'ledger-post-hold',
      'ledger-void-hold',
      'ledger-sweep',
      'forward-doc-save',
      'forward-live-list',
      'indexed-put',
    ]);
    expect(redis).to.have.property('callfwd_ledger_post_hold').that.is.a('function');
    expect(redis).to.have.property('callfwd_indexed_put').that.is.a('function');
    redis.disconnect();
  });

  it('expands includes, so a script that shares helpers runs as one', async () => {
    const redis = new Redis(redisUrl());
    try {
      loadScripts(redis, ['ledger-sweep']);
      const prefix = randomPrefix();
      // An empty account: nothing expired, nothing to read.
      const reply = await runScript(
        redis,
        'ledger-sweep',
        ['b', 'r', 'p', 'e', 'h', 'a', 's'].map((k) => `${prefix}:{acct:x}:${k}`),
        [1_000, 60_000, 100],
      );
      expect(reply).to.deep.equal([0, 0, 0, 0, 0]);
    } finally {
      await redis.quit();
    }
  });

  it('refuses to run a script that was not loaded on the connection', () => {
    const redis = new Redis({ lazyConnect: true });
    expect(() => runScript(redis, 'ledger-post-hold', [], [])).to.throw(/not loaded/);
    redis.disconnect();
  });
});
