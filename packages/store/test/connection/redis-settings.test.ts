import { expect } from 'chai';
import { describeRedisSettings, redisSettingsFromUrl } from '../../src/connection/redis-settings.js';

describe('redisSettingsFromUrl', () => {
  it('makes standalone settings', () => {
    expect(redisSettingsFromUrl('redis://127.0.0.1:6379', 'callfwd')).to.deep.equal({
      mode: 'standalone',
      url: 'redis://127.0.0.1:6379',
      prefix: 'callfwd',
    });
  });

  it('refuses a URL that is not redis://', () => {
    expect(() => redisSettingsFromUrl('http://127.0.0.1:6379', 'callfwd')).to.throw(RangeError);
  });
});

describe('describeRedisSettings', () => {
  it('never shows a password', () => {
    const lines = [
      describeRedisSettings({
        mode: 'standalone',
        url: 'redis://user:hunter2@10.0.0.1:6379/0',
        prefix: 'cf',
      }),
      describeRedisSettings({
        mode: 'standalone',
        url: 'redis://10.0.0.1:6379',
        password: 'hunter2',
        prefix: 'cf',
      }),
      describeRedisSettings({
        mode: 'sentinel',
        sentinels: [{ host: 's1', port: 26379 }],
        name: 'main',
        password: 'hunter2',
        prefix: 'cf',
      }),
      describeRedisSettings({
        mode: 'cluster',
        nodes: [{ host: 'c1', port: 7000 }],
        password: 'hunter2',
        prefix: 'cf',
      }),
    ];
    for (const line of lines) expect(line).not.to.contain('hunter2');
    expect(lines[0]).to.equal('standalone redis://10.0.0.1:6379/0 (with password) prefix=cf');
    expect(lines[2]).to.equal('sentinel main@s1:26379 prefix=cf');
    expect(lines[3]).to.equal('cluster c1:7000 prefix=cf');
  });
});
