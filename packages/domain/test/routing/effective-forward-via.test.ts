import { expect } from 'chai';
import { effectiveForwardVia } from '../../src/index.js';
import { buildConfig } from '../fixtures/example-config.js';

const config = buildConfig();

describe('rule 1: forward-via setting (effectiveForwardVia)', () => {
  const table: Array<{
    name: string;
    connection: string;
    overrides: Record<string, string>;
    line: string;
    reason: string;
    says: string;
  }> = [
    {
      name: 'a PBX connection with forwardVia configured uses it',
      connection: 'pbx-a',
      overrides: {},
      line: 'pbx-b',
      reason: 'configured',
      says: 'pbx-a forwards via pbx-b (+48221120000): configured forwardVia',
    },
    {
      name: 'unset means the main outbound number, and says so',
      connection: 'pbx-b',
      overrides: {},
      line: 'main',
      reason: 'default_main',
      says: 'pbx-b has no forward-via set, so it forwards via the main outbound number main (+48221000000)',
    },
    {
      name: 'a run-time override beats the configured line',
      connection: 'pbx-a',
      overrides: { 'pbx-a': 'sales' },
      line: 'sales',
      reason: 'runtime_override',
      says: 'set at run time (the config says pbx-b)',
    },
    {
      name: 'a run-time override beats the default',
      connection: 'pbx-b',
      overrides: { 'pbx-b': 'office' },
      line: 'office',
      reason: 'runtime_override',
      says: 'the config says the main number (unset)',
    },
    {
      name: "another connection's override does not apply",
      connection: 'pbx-a',
      overrides: { 'pbx-b': 'office' },
      line: 'pbx-b',
      reason: 'configured',
      says: 'configured',
    },
    {
      name: 'a rented number forwards through itself',
      connection: 'sales',
      overrides: {},
      line: 'sales',
      reason: 'own_line',
      says: 'sales (+48225550000) is a rented number, not a PBX connection',
    },
    {
      name: 'a connected number forwards through itself, even with a stray override',
      connection: 'office',
      overrides: { office: 'pbx-a' },
      line: 'office',
      reason: 'own_line',
      says: 'a connected number',
    },
    {
      name: 'the main number forwards through itself',
      connection: 'main',
      overrides: {},
      line: 'main',
      reason: 'own_line',
      says: 'the main outbound number',
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const via = effectiveForwardVia(config, row.connection, row.overrides);
      if (!via.ok) throw new Error(via.reason);
      expect([via.line.id, via.reason]).to.deep.equal([row.line, row.reason]);
      expect(via.explanation).to.contain(row.says);
    });
  }

  it('refuses an unknown connection', () => {
    expect(effectiveForwardVia(config, 'pbx-z', {})).to.deep.equal({
      ok: false,
      reason: 'unknown_connection',
    });
  });

  it('refuses a stale override naming a line no longer in the config (never guesses who pays)', () => {
    expect(effectiveForwardVia(config, 'pbx-a', { 'pbx-a': 'gone' })).to.deep.equal({
      ok: false,
      reason: 'unknown_line',
    });
  });

  it('ignores inherited keys of the overrides object', () => {
    const via = effectiveForwardVia(config, 'constructor', {});
    expect(via).to.deep.equal({ ok: false, reason: 'unknown_connection' });
    const own = effectiveForwardVia(
      config,
      'pbx-b',
      Object.create({ 'pbx-b': 'office' }) as Record<string, string>,
    );
    expect(own.ok && own.line.id).to.equal('main');
  });
});
