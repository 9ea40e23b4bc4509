import { expect } from 'chai';
import fc from 'fast-check';
import type { Schedule } from '../../src/index.js';
import { isOpen, nextChange, ScheduleSchema, WEEKDAYS } from '../../src/index.js';

const schedule = (input: unknown): Schedule => ScheduleSchema.parse(input);
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z'));

const office = schedule({
  timeZone: 'Europe/Warsaw',
  weekly: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '13:00' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '12:00', to: '17:00' },
  ],
  exceptions: [
    { date: '2026-12-24', ranges: [{ from: '09:00', to: '12:00' }] },
    { date: '2026-12-25', closed: true },
  ],
});

describe('rule 10: working hours (nextChange)', () => {
  const table: Array<[string, Schedule, string, string | null]> = [
    ['open: the close, overlapping ranges joined', office, '2026-12-02T09:00:00Z', '2026-12-02T16:00:00Z'],
    ['closed at night: the next opening', office, '2026-12-02T20:00:00Z', '2026-12-03T08:00:00Z'],
    ['Friday evening: Monday morning', office, '2026-12-04T17:00:00Z', '2026-12-07T08:00:00Z'],
    ['on Christmas Eve: the exception\'s close', office, '2026-12-24T09:00:00Z', '2026-12-24T11:00:00Z'],
    ['after Christmas Eve: past the closed Christmas day to Monday 28th', office, '2026-12-24T11:00:00Z', '2026-12-28T08:00:00Z'],
    ['summer time: the opening is 07:00Z', office, '2026-07-01T05:00:00Z', '2026-07-01T07:00:00Z'],
    [
      'into the spring gap: a 02:30 opening resolves to the jump',
      schedule({ timeZone: 'Europe/Warsaw', weekly: [{ days: ['sun'], from: '02:30', to: '04:00' }] }),
      '2026-03-28T12:00:00Z',
      '2026-03-29T01:00:00Z',
    ],
    [
      'the repeated hour: a range ending 02:30 closes at its first 02:30',
      schedule({ timeZone: 'Europe/Warsaw', weekly: [{ days: ['sun'], from: '01:00', to: '02:30' }] }),
      '2026-10-24T23:30:00Z',
      '2026-10-25T00:30:00Z',
    ],
    [
      'an exception far ahead of a schedule with no weekly ranges',
      schedule({ timeZone: 'UTC', exceptions: [{ date: '2027-06-01', ranges: [{ from: '10:00', to: '11:00' }] }] }),
      '2026-12-01T00:00:00Z',
      '2027-06-01T10:00:00Z',
    ],
    ['never open: none', schedule({ timeZone: 'UTC' }), '2026-12-01T00:00:00Z', null],
    [
      'always open: none',
      schedule({ timeZone: 'Europe/Warsaw', weekly: [{ days: [...WEEKDAYS], from: '00:00', to: '24:00' }] }),
      '2026-03-29T01:00:00Z',
      null,
    ],
    [
      'always open but for one closed date: its start',
      schedule({
        timeZone: 'Europe/Warsaw',
        weekly: [{ days: [...WEEKDAYS], from: '00:00', to: '24:00' }],
        exceptions: [{ date: '2026-12-10', closed: true }],
      }),
      '2026-12-01T00:00:00Z',
      '2026-12-09T23:00:00Z',
    ],
    [
      'past the last opening: none',
      schedule({ timeZone: 'UTC', exceptions: [{ date: '2026-06-01', ranges: [{ from: '10:00', to: '11:00' }] }] }),
      '2026-12-01T00:00:00Z',
      null,
    ],
  ];
  for (const [name, s, instant, next] of table) {
    it(`${name}: after ${instant} -> ${String(next)}`, () => {
      expect(iso(nextChange(s, at(instant)))).to.equal(next);
    });
  }

  it('property: the state holds until the change and flips at it', () => {
    const zones = ['Europe/Warsaw', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];
    const hhmm = fc
      .integer({ min: 0, max: 23 * 4 })
      .map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
    const range = fc
      .record({ days: fc.subarray([...WEEKDAYS], { minLength: 1 }), from: hhmm, to: hhmm })
      .filter((r) => r.from !== r.to);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(range, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (timeZone, weekly, t) => {
          const s = schedule({ timeZone, weekly });
          const change = nextChange(s, t);
          if (change === null) return true; // e.g. ranges that join into every hour of the week
          expect(change).to.be.greaterThan(t);
          const now = isOpen(s, t);
          expect(isOpen(s, change), 'flips at the change').to.equal(!now);
          expect(isOpen(s, change - 1), 'holds until the change').to.equal(now);
          expect(isOpen(s, Math.floor((t + change) / 2)), 'holds in between').to.equal(now);
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });
});
