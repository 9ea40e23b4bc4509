import { expect } from 'chai';
import type { ConfigInput, ConfigProblem } from '../../src/index.js';
import { parseConfig } from '../../src/index.js';
import { EXAMPLE_ENV, exampleConfigInput } from '../fixtures/example-config.js';

function problemsOf(
  edit: (input: ConfigInput) => void,
  env: Record<string, string | undefined> = EXAMPLE_ENV,
) {
  const input = exampleConfigInput();
  edit(input);
  const result = parseConfig(input, { env });
  if (result.ok) throw new Error('expected the config to be refused');
  return result.problems;
}

function paths(problems: ConfigProblem[]): string[] {
  return problems.map((p) => p.path);
}

describe('parseConfig', () => {
  it('accepts the example config (two PBX connections, a rented and a connected number, three employees)', () => {
    const result = parseConfig(exampleConfigInput(), { env: EXAMPLE_ENV });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.lines.map((l) => [l.id, l.kind])).to.deep.equal([
      ['main', 'main'],
      ['office', 'connected'],
      ['sales', 'rented'],
      ['pbx-a', 'pbx'],
      ['pbx-b', 'pbx'],
    ]);
    expect(result.config.employees).to.have.length(3);
  });

  it('resolves secrets from env: nodes get password, redis password, http token', () => {
    const result = parseConfig(exampleConfigInput(), { env: EXAMPLE_ENV });
    if (!result.ok) throw new Error('refused');
    expect(result.config.nodes.map((n) => n.password)).to.deep.equal(['fs1-Secret-9f2c', 'fs2-Secret-41ab']);
    expect(result.config.redis.password).to.equal('redis-Secret-77d0');
    expect(result.config.http.token).to.equal('http-Token-0c3e');
  });

  it('applies defaults for omitted optional sections and fields', () => {
    const input = exampleConfigInput();
    delete input.http;
    delete input.worker;
    delete input.recordings;
    input.redis = { mode: 'standalone', url: 'redis://127.0.0.1:6379' };
    delete input.accounts[1]!.maxCallSeconds;
    delete input.accounts[1]!.openingBalance;
    delete input.lines[2]!.diversion;
    const result = parseConfig(input, { env: EXAMPLE_ENV });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { config } = result;
    expect(config.http).to.deep.equal({ host: '127.0.0.1', port: 9464, apiTokensEnv: 'CALLFWD_API_TOKENS' });
    expect(config.worker).to.deep.equal({
      concurrency: 200,
      originateTimeoutSeconds: 30,
      commandTimeoutMs: 5000,
      drainTimeoutMs: 30000,
      lockDurationMs: 5000,
      holdMs: 10000,
      bridgeTimeoutSeconds: 15,
      keepEndedForwardSeconds: 300,
      forwardCacheSize: 10000,
    });
    expect(config.billing).to.deep.equal({ sliceSeconds: 300, renewBeforeSeconds: 30, holdGraceSeconds: 300 });
    expect(config.lines[2]!.earlyMedia).to.equal('ringback');
    expect(config.recordings.directory).to.equal('/var/lib/freeswitch/recordings');
    expect(config.redis.prefix).to.equal('callfwd');
    expect(config.redis.password).to.equal(undefined);
    expect(config.accounts[1]!.maxCallSeconds).to.equal(3600);
    expect(config.accounts[1]!.openingBalance).to.equal(0);
    expect(config.lines[2]!.diversion).to.equal(false);
    expect(config.lines[2]!.failover).to.deep.equal([]);
    const voicemail = config.fallbacks[0]!;
    expect(voicemail.kind === 'transfer' && voicemail.dialplan).to.equal('XML');
  });

  it('returns a deep-frozen config', () => {
    const result = parseConfig(exampleConfigInput(), { env: EXAMPLE_ENV });
    if (!result.ok) throw new Error('refused');
    const { config } = result;
    expect(Object.isFrozen(config)).to.equal(true);
    expect(Object.isFrozen(config.lines)).to.equal(true);
    expect(Object.isFrozen(config.lines[3]!.failover)).to.equal(true);
    expect(Object.isFrozen(config.tariffs[0]!.rates[1])).to.equal(true);
    expect(() => {
      (config.lines as unknown as unknown[]).push({});
    }).to.throw(TypeError);
  });

  it('reports five different mistakes at once, each with its path', () => {
    const problems = problemsOf((input) => {
      input.nodes[1]!.port = 70000; // schema: port out of range
      input.lines[3]!.dial = 'sofia/gateway/pbx-a/'; // no {number}
      input.accounts[0]!.tariff = 'nope'; // unknown tariff
      input.lines[2]!.forwardVia = 'main'; // forwardVia on a rented number
      input.employees![2]!.extensions = ['+48221110001']; // anna's extension again
    });
    expect(paths(problems)).to.have.members([
      'nodes[1].port',
      'lines[3].dial',
      'accounts[0].tariff',
      'lines[2].forwardVia',
      'employees[2].extensions[0]',
    ]);
    expect(problems).to.have.length(5);
  });

  it('reports a missing secret by the name of its variable', () => {
    const problems = problemsOf(() => undefined, { ...EXAMPLE_ENV, CALLFWD_FS2_PASSWORD: undefined });
    expect(problems).to.deep.equal([
      {
        path: 'nodes[1].passwordEnv',
        message:
          'environment variable CALLFWD_FS2_PASSWORD is not set (it must hold the event-socket password of node fs2)',
      },
    ]);
  });

  it('reports missing Redis password and HTTP token variables, and treats empty as missing', () => {
    const problems = problemsOf(() => undefined, {
      ...EXAMPLE_ENV,
      CALLFWD_REDIS_PASSWORD: '',
      CALLFWD_HTTP_TOKEN: undefined,
    });
    expect(paths(problems)).to.deep.equal(['redis.passwordEnv', 'http.tokenEnv']);
  });

  for (const password of ['ClueCon', 'cluecon', 'CLUECON']) {
    it(`refuses FreeSWITCH's default password (${password}) without printing it`, () => {
      const problems = problemsOf(() => undefined, { ...EXAMPLE_ENV, CALLFWD_FS1_PASSWORD: password });
      expect(paths(problems)).to.deep.equal(['nodes[0].passwordEnv']);
      expect(problems[0]!.message).to.contain('CALLFWD_FS1_PASSWORD');
      expect(problems[0]!.message.toLowerCase()).not.to.contain('cluecon');
    });
  }

  it('accepts the default password when insecure defaults are allowed, and a password that only contains it', () => {
    const lab = parseConfig(exampleConfigInput(), {
      env: { ...EXAMPLE_ENV, CALLFWD_FS1_PASSWORD: 'ClueCon' },
      allowInsecureDefaults: true,
    });
    expect(lab.ok).to.equal(true);
    const similar = parseConfig(exampleConfigInput(), {
      env: { ...EXAMPLE_ENV, CALLFWD_FS1_PASSWORD: 'ClueCon-test' },
    });
    expect(similar.ok).to.equal(true);
  });

  it('never echoes a secret value in any problem', () => {
    const problems = problemsOf(
      (input) => {
        input.nodes[0]!.port = -1;
        input.lines[0]!.number = 'not a number';
      },
      { ...EXAMPLE_ENV, CALLFWD_FS2_PASSWORD: 'cluecon' },
    );
    const text = JSON.stringify(problems);
    for (const value of [...Object.values(EXAMPLE_ENV), 'cluecon']) expect(text).not.to.contain(value);
  });

  it('refuses an HTTP endpoint beyond loopback without a token, unless insecure defaults are allowed', () => {
    const input = exampleConfigInput();
    input.http = { host: '0.0.0.0', port: 9464 };
    const refused = parseConfig(input, { env: EXAMPLE_ENV });
    expect(refused.ok ? [] : paths(refused.problems)).to.deep.equal(['http.tokenEnv']);
    expect(parseConfig(input, { env: EXAMPLE_ENV, allowInsecureDefaults: true }).ok).to.equal(true);
  });

  it('refuses a Redis URL with a password in it', () => {
    const problems = problemsOf((input) => {
      input.redis = { mode: 'standalone', url: 'redis://:hunter2@127.0.0.1:6379' };
    });
    expect(paths(problems)).to.deep.equal(['redis.url']);
    expect(JSON.stringify(problems)).not.to.contain('hunter2');
  });

  it('accepts Sentinel and Cluster Redis modes', () => {
    for (const redis of [
      { mode: 'sentinel' as const, sentinels: [{ host: '10.0.0.1', port: 26379 }], name: 'mymaster' },
      {
        mode: 'cluster' as const,
        nodes: [
          { host: '10.0.0.1', port: 7000 },
          { host: '10.0.0.2', port: 7000 },
        ],
      },
    ]) {
      const input = exampleConfigInput();
      input.redis = redis;
      const result = parseConfig(input, { env: EXAMPLE_ENV });
      expect(result.ok && result.config.redis.mode).to.equal(redis.mode);
    }
  });

  it('reports unknown keys (a typo is not silently ignored)', () => {
    const problems = problemsOf((input) => {
      (input.lines[3] as Record<string, unknown>).forwardvia = 'main';
    });
    expect(problems).to.deep.equal([{ path: 'lines[3]', message: 'Unrecognized key: "forwardvia"' }]);
  });

  it('reports a non-object config at the root', () => {
    const result = parseConfig('nodes: []', { env: {} });
    expect(result.ok ? [] : paths(result.problems)).to.deep.equal(['(root)']);
  });
});
