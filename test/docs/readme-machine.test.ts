import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { FORWARD_EFFECT_KINDS, FORWARD_EVENT_KINDS, FORWARD_TIMERS } from '@callfwd/domain';

const README = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');

/** The first cell of every row of the markdown tables in one README section, backticked names only. */
function firstCells(section: string): string[][] {
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => [...(line.split('|')[1] ?? '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!));
}

describe("the README's forward tables match the state machine", () => {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('### The forward state machine');
  const section = text.slice(start, text.indexOf('\n## ', start));
  const [events, effects] = section.split('| effect |');
  const eventRows = firstCells(events ?? '');
  const effectRows = firstCells(effects ?? '');

  it('has a row for every event, and every timer, and no other', () => {
    expect(start).to.be.greaterThan(0);
    const named = eventRows.map((cells) => (cells[0] === 'timer' ? `timer:${cells[1]}` : cells[0]));
    const expected = [...FORWARD_EVENT_KINDS.filter((k) => k !== 'timer'), ...FORWARD_TIMERS.map((t) => `timer:${t}`)];
    expect([...named].sort()).to.deep.equal([...expected].sort());
  });

  it('has a row for every effect, and no other', () => {
    const named = effectRows.flat();
    expect([...named].sort()).to.deep.equal([...FORWARD_EFFECT_KINDS].sort());
  });
});
