import { expect } from 'chai';
import { decideRecording } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';

const config = buildConfig();

describe('rule 5: recording (decideRecording)', () => {
  it("records a forward paid by an account with 'record all calls' on, starting when the target answers", () => {
    const account = config.accounts.find((a) => a.id === 'provider-a')!;
    expect(decideRecording(account)).to.deep.equal({
      record: true,
      startOn: 'answer',
      reason: 'record_all_calls',
    });
  });

  it("does not record when 'record all calls' is off", () => {
    const account = config.accounts.find((a) => a.id === 'platform')!;
    expect(decideRecording(account)).to.deep.equal({ record: false, reason: 'recording_off' });
  });
});
