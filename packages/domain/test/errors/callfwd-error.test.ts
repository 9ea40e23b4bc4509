import { expect } from 'chai';
import { CALLFWD_ERROR_CODES, CallfwdError, isCallfwdError } from '../../src/index.js';

describe('CallfwdError', () => {
  it('carries a code and a cause, and is an Error', () => {
    const cause = new Error('socket closed');
    const error = new CallfwdError('ESL_DISCONNECTED', 'node fs1 went away', { cause });
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('CallfwdError');
    expect(error.code).to.equal('ESL_DISCONNECTED');
    expect(error.cause).to.equal(cause);
  });

  it('is recognised by code', () => {
    const error = new CallfwdError('NOT_FOUND', 'x');
    expect(isCallfwdError(error)).to.equal(true);
    expect(isCallfwdError(error, 'NOT_FOUND')).to.equal(true);
    expect(isCallfwdError(error, 'INTERNAL')).to.equal(false);
    expect(isCallfwdError(new Error('x'))).to.equal(false);
  });

  it('has the closed set of codes', () => {
    expect(CALLFWD_ERROR_CODES).to.have.length(11);
    expect(Object.isFrozen(CALLFWD_ERROR_CODES)).to.equal(true);
  });
});
