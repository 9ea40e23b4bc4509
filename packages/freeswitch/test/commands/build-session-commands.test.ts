import { expect } from 'chai';
import {
  BadCommandInput,
  buildSubscription,
  EVENTS_CALLFWD_NEEDS,
  subscriptionEvents,
} from '../../src/index.js';

describe('subscriptionEvents / buildSubscription', () => {
  it('subscribes to everything callfwd decodes by default, early media included', () => {
    expect(subscriptionEvents()).to.deep.equal(EVENTS_CALLFWD_NEEDS);
    expect(buildSubscription(subscriptionEvents())).to.equal(
      'event json CHANNEL_CREATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_PARK CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE CHANNEL_DESTROY BACKGROUND_JOB RECORD_START RECORD_STOP',
    );
  });

  it('adds BACKGROUND_JOB to a non-empty list, in canonical order, without duplicates', () => {
    expect(subscriptionEvents(['CHANNEL_HANGUP', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_HANGUP'])).to.deep.equal([
      'CHANNEL_PROGRESS_MEDIA',
      'CHANNEL_HANGUP',
      'BACKGROUND_JOB',
    ]);
  });

  it('keeps an empty list empty, and then there is no event command at all', () => {
    expect(subscriptionEvents([])).to.deep.equal([]);
    expect(buildSubscription([])).to.equal(undefined);
  });

  it('refuses a name callfwd does not decode', () => {
    expect(() => subscriptionEvents(['CHANNEL_STATE'])).to.throw(BadCommandInput);
  });
});
