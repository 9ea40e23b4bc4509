import { expect } from 'chai';
import { createEslLogger } from '../../src/connection/esl-logger.js';
import { createRecordingLogger } from '../support/recording-logger.js';

/** A logger that keeps debug lines too, as pino does at level debug. */
function debugLogger() {
  const lines: Array<{ obj: object; msg: string }> = [];
  const logger = {
    lines,
    debug: (obj: object, msg = '') => void lines.push({ obj, msg }),
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

describe('createEslLogger', () => {
  it('never writes the node password that esl logs with the auth command', () => {
    const logger = debugLogger();
    const esl = createEslLogger(logger, 'pa"ss\\word-1');
    esl.debug('FreeSwitchResponse: write', { ref: 'r1', text: 'auth pa"ss\\word-1\n\n', nested: { command: 'auth pa"ss\\word-1' } });
    esl.error('other', { ref: 'r2', text: 'api status' });
    const text = JSON.stringify(logger.lines);
    expect(text).to.not.include('word-1');
    expect(logger.lines[0]!.obj).to.deep.equal({ esl: { ref: 'r1', text: 'auth [redacted]\n\n', nested: { command: 'auth [redacted]' } } });
    expect(logger.lines[1]!.obj).to.deep.equal({ esl: { ref: 'r2', text: 'api status' } });
  });

  it('builds nothing when the logger is not at debug', () => {
    const base = createRecordingLogger();
    let asked = 0;
    const logger = { ...base, isLevelEnabled: () => ((asked += 1), false) };
    createEslLogger(logger, 'pw').debug('x', { ref: 'r3', text: 'auth pw' });
    expect(asked).to.equal(1);
    expect(base.entries).to.deep.equal([]);
  });
});
