import { expect } from 'chai';
import { DEFAULT_RESOLVED_TTL_MS, ENDED_DOC_TTL_MS } from '@callfwd/store';
import { DOC_TTL_MS } from '../../src/forward/apply-event.js';

describe('how long a forward and its holds are remembered', () => {
  it("keeps a hold's resolution longer than any forward document can live, so a repeated post never charges again", () => {
    // A post or void is repeated only from the forward's outbox, which lives in its document.
    expect(DEFAULT_RESOLVED_TTL_MS).to.be.greaterThan(DOC_TTL_MS + ENDED_DOC_TTL_MS);
    // ...with a day to spare for clocks and stalled jobs.
    expect(DEFAULT_RESOLVED_TTL_MS - DOC_TTL_MS).to.be.at.least(24 * 60 * 60 * 1000);
  });
});
