import { expect } from 'chai';
import { planFallback } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';

describe('rule 7: the fallback a caller gets when forwarding fails', () => {
  const cases = [
    { connection: 'pbx-a', fallback: 'sorry', kind: 'inline' },
    { connection: 'pbx-b', fallback: 'voicemail', kind: 'extension' },
    { connection: 'main', fallback: 'voicemail', kind: 'extension' },
  ];
  for (const c of cases) {
    it(`a call on ${c.connection} goes to its paying account's fallback (${c.fallback})`, () => {
      const config = buildConfig();
      const plan = planFallback(config, c.connection);
      expect(plan.kind).to.equal(c.kind);
      expect(plan.fallback).to.equal(c.fallback);
    });
  }

  it('an announcement fallback answers, plays and hangs up with its cause', () => {
    const config = buildConfig((input) => {
      for (const account of input.accounts) account.fallback = 'sorry';
    });
    const plan = planFallback(config, 'pbx-a');
    expect(plan).to.deep.include({ kind: 'inline', fallback: 'sorry' });
    if (plan.kind !== 'inline') throw new Error('unreachable');
    expect(plan.apps.map(([app]) => app)).to.deep.equal(['answer', 'playback', 'hangup']);
  });

  it('an unknown connection still gets the built-in announcement, never dead air', () => {
    const plan = planFallback(buildConfig(), 'no-such-line');
    expect(plan).to.deep.include({ kind: 'inline', fallback: 'built-in' });
  });
});
