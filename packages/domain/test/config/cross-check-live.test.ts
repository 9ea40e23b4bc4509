import { expect } from 'chai';
import { crossCheckLive, withLiveSet, type Line, type LiveSet } from '../../src/index.js';
import { buildConfig, lineOf } from '../fixtures/example-config.js';

const config = buildConfig();

function live(edit: (set: { lines: Line[]; employees: LiveSet['employees'][number][]; forwardViaOverrides: Record<string, string> }) => void): LiveSet {
  const set = { lines: [...config.lines], employees: [...config.employees], forwardViaOverrides: {} };
  edit(set);
  return set;
}

function without(lines: readonly Line[], id: string): Line[] {
  return lines.filter((line) => line.id !== id);
}

interface Case {
  change: string;
  set: LiveSet;
  path: string;
  says: string;
}

const cases: Case[] = [
  { change: 'the main line removed', set: live((s) => void (s.lines = without(s.lines, 'main'))), path: 'lines', says: 'exactly one line of kind main' },
  {
    change: 'a second main line',
    set: live((s) => void s.lines.push({ ...lineOf(config, 'main'), id: 'main-2', number: '+48221000009' })),
    path: 'lines',
    says: 'found 2',
  },
  { change: "an employee's connection removed", set: live((s) => void (s.lines = without(s.lines, 'sales'))), path: 'employees[2].connection', says: 'unknown connection (line) "sales"' },
  { change: "a connection's configured forward-via removed", set: live((s) => void (s.lines = without(s.lines, 'pbx-b'))), path: 'lines[3].forwardVia', says: 'unknown line "pbx-b"' },
  { change: 'a failover line removed', set: live((s) => void (s.lines = without(s.lines, 'office'))), path: 'lines[0].failover[0]', says: 'unknown line "office"' },
  {
    change: 'a line paid by an unknown account',
    set: live((s) => void (s.lines[2] = { ...lineOf(config, 'sales'), account: 'ghost' })),
    path: 'lines[2].account',
    says: 'unknown account "ghost"',
  },
  {
    change: 'a line with the number of another',
    set: live((s) => void (s.lines[2] = { ...lineOf(config, 'sales'), number: '+48223330000' })),
    path: 'lines[2].number',
    says: 'duplicate line number',
  },
  {
    change: 'the line of a run-time forward-via removed',
    set: live((s) => {
      s.forwardViaOverrides['pbx-b'] = 'office';
      s.lines = without(s.lines, 'office').map((l) => (l.id === 'main' ? { ...l, failover: [] } : l));
    }),
    path: 'forwardVia.pbx-b',
    says: 'forwards via unknown line "office"',
  },
  {
    change: 'a run-time forward-via on a line that is no longer a PBX',
    set: live((s) => {
      s.forwardViaOverrides['pbx-b'] = 'main';
      s.lines = s.lines.map((l) => (l.id === 'pbx-b' ? { ...l, kind: 'connected' as const } : l)).map((l) => (l.id === 'pbx-a' ? { ...l, forwardVia: 'main' } : l));
    }),
    path: 'forwardVia.pbx-b',
    says: 'not a PBX connection',
  },
];

describe('crossCheckLive', () => {
  it('finds nothing in the config as parsed, nor with a new line and a valid override', () => {
    expect(crossCheckLive(config, { lines: config.lines, employees: config.employees })).to.deep.equal([]);
    const more = live((s) => {
      s.lines.push({ ...lineOf(config, 'sales'), id: 'sales-2', number: '+48225550001' });
      s.forwardViaOverrides['pbx-b'] = 'sales-2';
    });
    expect(crossCheckLive(config, more)).to.deep.equal([]);
  });

  for (const { change, set, path, says } of cases) {
    it(`refuses ${change}`, () => {
      const problems = crossCheckLive(config, set);
      const found = problems.find((p) => p.path === path);
      expect(found, JSON.stringify(problems)).to.not.equal(undefined);
      expect(found?.message).to.contain(says);
    });
  }

  it('withLiveSet swaps in the live lines and employees and keeps the rest', () => {
    const lines = without(config.lines, 'sales');
    const merged = withLiveSet(config, { lines, employees: [] });
    expect(merged.lines.map((l) => l.id)).to.deep.equal(['main', 'office', 'pbx-a', 'pbx-b']);
    expect(merged.employees).to.deep.equal([]);
    expect(merged.accounts).to.equal(config.accounts);
    expect(config.lines).to.have.length(5);
  });
});
