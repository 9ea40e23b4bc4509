import { expect } from 'chai';
import { parseRedisConf, singleDirective } from './redis-conf.js';

describe('parseRedisConf', () => {
  it('reads directives, lower-cases their names and groups quoted words', () => {
    const directives = parseRedisConf('# c\nAppendOnly yes\nappendfilename "append only.aof"\nsave 3600 1 300 100\n');
    expect(directives.map((d) => [d.name, d.args])).to.deep.equal([
      ['appendonly', ['yes']],
      ['appendfilename', ['append only.aof']],
      ['save', ['3600', '1', '300', '100']],
    ]);
  });

  it('throws on an unbalanced quote', () => {
    expect(() => parseRedisConf('requirepass "abc\n')).to.throw('cannot split');
  });
});

describe('singleDirective', () => {
  it('returns the arguments of a directive that appears once, undefined when absent', () => {
    const directives = parseRedisConf('port 6379\n');
    expect(singleDirective(directives, 'port')).to.deep.equal(['6379']);
    expect(singleDirective(directives, 'bind')).to.equal(undefined);
  });

  it('throws when a directive appears twice (the second silently wins in Redis)', () => {
    expect(() => singleDirective(parseRedisConf('port 1\nport 2\n'), 'port')).to.throw('appears 2 times');
  });
});
