import { expect } from 'chai';
import { readExampleConfigFacts } from './helpers/example-config.js';
import { listInfraFiles, readInfraFile } from './helpers/infra-files.js';
import { parseRedisConf, singleDirective, type RedisDirective } from './helpers/redis-conf.js';

/** Redis 7 directives the files may use: a misspelt one stops Redis at start-up. */
const KNOWN_DIRECTIVES = new Set([
  'bind', 'port', 'protected-mode', 'tcp-keepalive', 'timeout', 'include', 'appendonly', 'appendfsync',
  'appendfilename', 'appenddirname', 'aof-use-rdb-preamble', 'auto-aof-rewrite-percentage',
  'auto-aof-rewrite-min-size', 'save', 'stop-writes-on-bgsave-error', 'dir', 'dbfilename', 'maxmemory',
  'maxmemory-policy', 'min-replicas-to-write', 'min-replicas-max-lag', 'loglevel', 'logfile',
  'slowlog-log-slower-than', 'slowlog-max-len', 'latency-monitor-threshold', 'cluster-enabled',
  'cluster-config-file', 'cluster-node-timeout', 'cluster-require-full-coverage', 'cluster-allow-reads-when-down',
  'sentinel', 'replicaof', 'masterauth',
]);
/** Directives Redis accepts more than once; any other repeated directive silently overrides the first. */
const REPEATABLE = new Set(['include', 'save', 'sentinel', 'bind']);

const dataFiles = ['redis/standalone.conf', ...listInfraFiles('.conf').filter((file) => file.startsWith('redis/cluster/'))];

function expectWellFormed(directives: RedisDirective[]): void {
  expect(directives.map((d) => d.name).filter((name) => !KNOWN_DIRECTIVES.has(name))).to.deep.equal([]);
  const names = directives.map((d) => d.name).filter((name) => !REPEATABLE.has(name));
  expect(names.filter((name, index) => names.indexOf(name) !== index), 'repeated directives').to.deep.equal([]);
  expect(directives.filter((d) => d.name === 'requirepass'), 'no password in a shipped file').to.deep.equal([]);
}

describe('infra/redis', () => {
  it('has the standalone server, Sentinel and three cluster masters', () => {
    expect(listInfraFiles('.conf').filter((file) => file.startsWith('redis/'))).to.deep.equal([
      'redis/cluster/redis-7000.conf',
      'redis/cluster/redis-7001.conf',
      'redis/cluster/redis-7002.conf',
      'redis/sentinel.conf',
      'redis/standalone.conf',
    ]);
  });

  for (const file of dataFiles) {
    describe(file, () => {
      const directives = parseRedisConf(readInfraFile(file));

      it('uses known directives, each once, and no password', () => {
        expectWellFormed(directives);
      });

      it('persists with the append-only file and never evicts', () => {
        expect(singleDirective(directives, 'appendonly')).to.deep.equal(['yes']);
        expect(singleDirective(directives, 'appendfsync')).to.deep.equal(['everysec']);
        expect(singleDirective(directives, 'maxmemory-policy')).to.deep.equal(['noeviction']);
      });

      it('binds to named addresses, never to every interface, and keeps protected mode', () => {
        const bind = directives.filter((d) => d.name === 'bind').flatMap((d) => d.args);
        expect(bind).to.have.length.greaterThan(0);
        expect(bind).not.to.include.members(['0.0.0.0', '*', '::', '-::*']);
        expect(singleDirective(directives, 'protected-mode')).to.deep.equal(['yes']);
      });

      it('includes its secrets from an absolute path', () => {
        const includes = directives.filter((d) => d.name === 'include').map((d) => d.args[0] ?? '');
        expect(includes).to.deep.equal(['/etc/redis/secrets.conf']);
      });
    });
  }

  describe('cluster/', () => {
    const nodes = ['7000', '7001', '7002'].map((port) => ({
      port,
      directives: parseRedisConf(readInfraFile(`redis/cluster/redis-${port}.conf`)),
    }));

    it('each node is a cluster node on the port its file is named after', () => {
      for (const { port, directives } of nodes) {
        expect(singleDirective(directives, 'port'), port).to.deep.equal([port]);
        expect(singleDirective(directives, 'cluster-enabled'), port).to.deep.equal(['yes']);
        expect(singleDirective(directives, 'cluster-require-full-coverage'), port).to.deep.equal(['yes']);
      }
    });

    it('nodes sharing a data directory never share a file (nodes.conf, AOF, RDB)', () => {
      for (const name of ['cluster-config-file', 'appendfilename', 'appenddirname', 'dbfilename']) {
        const values = nodes.map(({ directives }) => singleDirective(directives, name)?.[0]);
        expect(values.every((value) => value !== undefined), name).to.equal(true);
        expect(new Set(values).size, name).to.equal(nodes.length);
      }
    });
  });

  describe('sentinel.conf', () => {
    const directives = parseRedisConf(readInfraFile('redis/sentinel.conf'));
    const sentinel = directives.filter((d) => d.name === 'sentinel');
    const monitor = sentinel.filter((d) => d.args[0] === 'monitor');

    it('uses known directives, each once', () => {
      expectWellFormed(directives);
      expect(singleDirective(directives, 'port')).to.deep.equal(['26379']);
    });

    it('monitors one master with a quorum of at least 2, by a name callfwd.yaml can use', () => {
      expect(monitor).to.have.length(1);
      const [, name = '', host = '', port = '', quorum = ''] = monitor[0]!.args;
      expect(name).to.match(/^[A-Za-z0-9_.-]{1,64}$/);
      expect(host).to.match(/^\d+\.\d+\.\d+\.\d+$/);
      expect(Number(port)).to.be.within(1, 65535);
      expect(Number(quorum)).to.be.at.least(2);
      const facts = readExampleConfigFacts();
      if (facts.sentinelName !== undefined) expect(name).to.equal(facts.sentinelName);
    });

    it('every per-master setting names the monitored master', () => {
      const name = monitor[0]!.args[1];
      const perMaster = sentinel.filter((d) =>
        ['down-after-milliseconds', 'failover-timeout', 'parallel-syncs', 'auth-pass'].includes(d.args[0] ?? ''),
      );
      expect(perMaster).to.have.length.greaterThan(0);
      for (const directive of perMaster) expect(directive.args[1], `line ${directive.line}`).to.equal(name);
    });
  });
});
