import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { redisUrl } from '../support/redis-url.js';
import { runCallfwd } from '../faults/support/callfwd-process.js';

/** The demo makes its node passwords and HTTP token as 12 random bytes in hex. */
const DEMO_SECRET = /\b[0-9a-f]{24}\b/;

describe('security: a whole demo leaks no secret into any log line', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'callfwd-demo-sec-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('callfwd demo at log level debug: stdout, stderr and the listener and worker log file hold no secret', async () => {
    const logFile = join(dir, 'demo.log');
    const canaries = { CALLFWD_REDIS_PASSWORD: 'demo-Canary-Redis-5', CALLFWD_HTTP_TOKEN: 'demo-Canary-Token-6' };
    const result = await runCallfwd(['demo', '--log-file', logFile], { REDIS_URL: redisUrl(), CALLFWD_LOG_LEVEL: 'debug', ...canaries }, 100_000);
    expect(result.code, result.stderr.join('\n').slice(0, 2000)).to.equal(0);
    const logLines = readFileSync(logFile, 'utf8').split('\n');
    // Debug logs every event-socket frame, the authentication among them, redacted.
    expect(logLines.length).to.be.greaterThan(200);
    expect(logLines.some((l) => l.includes('auth [redacted]'))).to.equal(true);
    for (const line of [...result.stdout, ...result.stderr, ...logLines]) {
      expect(DEMO_SECRET.test(line), line.slice(0, 300)).to.equal(false);
      for (const canary of Object.values(canaries)) expect(line).to.not.include(canary);
    }
  });
});
