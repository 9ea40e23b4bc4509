import { expect } from 'chai';
import { createSimNode, type SimNode } from '@callfwd/fs-sim';
import { e2eConfigInput } from '../support/e2e-config.js';
import { freshPrefix, redisUrl } from '../support/redis-url.js';
import { runCallfwd, startCallfwd, writeConfigFile } from '../faults/support/callfwd-process.js';

const STRONG = { CALLFWD_FS1_PASSWORD: 'fs1-Strong-pw-1', CALLFWD_FS2_PASSWORD: 'fs2-Strong-pw-2' };

/** A valid config (as ops write it) whose nodes are the given ports. */
function configInput(ports: { fs1: number; fs2: number }) {
  return e2eConfigInput(ports, redisUrl(), freshPrefix('sec'));
}

describe('security: secrets come from the environment, ClueCon is refused, bad config stops the start', function () {
  this.timeout(90_000);
  const files: Array<{ remove(): void }> = [];
  after(() => files.forEach((f) => f.remove()));
  const file = (input: Record<string, unknown> | ReturnType<typeof configInput>) => {
    const f = writeConfigFile(input);
    files.push(f);
    return f.path;
  };

  it('check-config refuses FreeSWITCH\'s default password (any case) unless --insecure-dev, naming the variable, never the value', async () => {
    const path = file(configInput({ fs1: 8021, fs2: 8022 }));
    for (const weak of ['ClueCon', 'cluecon', 'CLUECON']) {
      const refused = await runCallfwd(['check-config', '--config', path], { ...STRONG, CALLFWD_FS2_PASSWORD: weak });
      expect(refused.code, weak).to.equal(2);
      const text = [...refused.stdout, ...refused.stderr].join('\n');
      expect(text).to.include('CALLFWD_FS2_PASSWORD');
      expect(text).to.include('nodes[1].passwordEnv');
      expect(text).to.not.include(weak);
      expect(text).to.not.include(STRONG.CALLFWD_FS1_PASSWORD);
    }
    const lab = await runCallfwd(['check-config', '--config', path, '--insecure-dev'], { ...STRONG, CALLFWD_FS2_PASSWORD: 'ClueCon' });
    expect(lab.code).to.equal(0);
    const ok = await runCallfwd(['check-config', '--config', path], STRONG);
    expect(ok.code).to.equal(0);
    expect([...ok.stdout, ...ok.stderr].join('\n')).to.not.include(STRONG.CALLFWD_FS1_PASSWORD);
  });

  it('run refuses ClueCon before connecting anywhere, and runs with it under --insecure-dev', async () => {
    const nodes: SimNode[] = ['fs1', 'fs2'].map((id) => createSimNode({ id, password: 'ClueCon' }));
    await Promise.all(nodes.map((n) => n.start()));
    try {
      const path = file(configInput({ fs1: nodes[0]!.port, fs2: nodes[1]!.port }));
      const env = { CALLFWD_FS1_PASSWORD: 'ClueCon', CALLFWD_FS2_PASSWORD: 'ClueCon' };
      const refused = await runCallfwd(['run', '--config', path, '--role', 'listener', '--http-port', '0'], env);
      expect(refused.code).to.equal(2);
      expect(refused.stderr.join('\n')).to.include('nodes[0].passwordEnv').and.include('nodes[1].passwordEnv');
      expect(nodes.map((n) => n.commands().length)).to.deep.equal([0, 0]);

      const lab = startCallfwd(['run', '--config', path, '--role', 'listener', '--http-port', '0', '--insecure-dev'], env);
      try {
        await lab.waitForReady(30_000);
      } finally {
        expect(await lab.kill('SIGTERM')).to.equal(0);
      }
    } finally {
      await Promise.all(nodes.map((n) => n.stop()));
    }
  });

  it('a password written into the file, a Redis URL with a password, a missing secret: run exits 2 listing every problem', async () => {
    const input = configInput({ fs1: 8021, fs2: 8022 }) as unknown as Record<string, unknown> & { nodes: Array<Record<string, unknown>>; redis: Record<string, unknown> };
    input.nodes[0]!.password = 'inline-Secret-9';
    input.redis.url = 'redis://:redis-Secret-9@127.0.0.1:6379';
    input.http = { host: '0.0.0.0', port: 9464 };
    const path = file(input);
    const result = await runCallfwd(['run', '--config', path, '--role', 'all', '--http-port', '0'], { CALLFWD_FS1_PASSWORD: 'fs1-Strong-pw-1' });
    expect(result.code).to.equal(2);
    const text = result.stderr.join('\n');
    // Every problem at once, each with its path.
    expect(text).to.include('nodes[0]');
    expect(text).to.include('redis.url');
    expect(text).to.include('CALLFWD_FS2_PASSWORD');
    expect(text).to.include('http.tokenEnv');
    // The secrets that were written where they do not belong are not echoed back.
    expect(text).to.not.include('inline-Secret-9');
    expect(text).to.not.include('redis-Secret-9');
    expect(result.stdout.join('\n')).to.not.include('"msg":"ready"');
  });
});
