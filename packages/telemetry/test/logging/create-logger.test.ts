import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/index.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('writes JSON lines with the role and the child bindings', () => {
    const { lines, stream } = capture();
    const log = createLogger({ role: 'worker', destination: stream });
    log.child({ node: 'fs1', callUuid: 'abc' }).info({ step: 'bridged' }, 'forward step');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ role: 'worker', node: 'fs1', callUuid: 'abc', step: 'bridged', msg: 'forward step', level: 'info' });
  });

  it('never writes a password or a token', () => {
    const { lines, stream } = capture();
    const log = createLogger({ role: 'cli', destination: stream });
    log.info({ node: { id: 'fs1', password: 'pw-123' }, token: 'tok-456', authorization: 'Bearer x' }, 'connecting');
    const text = JSON.stringify(lines);
    expect(text).not.to.contain('pw-123');
    expect(text).not.to.contain('tok-456');
    expect(text).not.to.contain('Bearer x');
  });
});
