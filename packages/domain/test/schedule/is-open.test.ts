import { expect } from 'chai';
import fc from 'fast-check';
import type { Schedule } from '../../src/index.js';
import { isOpen, ScheduleSchema, WEEKDAYS } from '../../src/index.js';

const schedule = (input: unknown): Schedule => ScheduleSchema.parse(input);
const at = (iso: string): number => Date.parse(iso);

// Europe/Warsaw: CET (+01:00) in winter, CEST (+02:00) from 2026-03-29 01:00Z to 2026-10-25 01:00Z.
const office = schedule({
  timeZone: 'Europe/Warsaw',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
  exceptions: [
    { date: '2026-12-24', ranges: [{ from: '09:00', to: '12:00' }] },
    { date: '2026-12-25', closed: true },
  ],
});
const nights = schedule({
  timeZone: 'Europe/Warsaw',
  weekly: [{ days: ['mon'], from: '22:00', to: '06:00' }],
  exceptions: [{ date: '2026-12-01', closed: true }],
});

describe('rule 10: working hours (isOpen)', () => {
  const table: Array<[string, Schedule, string, boolean]> = [
    ['a weekday inside, winter time (09:30 CET)', office, '2026-12-02T08:30:00Z', true],
    ['a weekday before opening (08:59 CET)', office, '2026-12-02T07:59:00Z', false],
    ['the opening minute is open (09:00 CET)', office, '2026-12-02T08:00:00Z', true],
    ['the closing minute is closed (17:00 CET)', office, '2026-12-02T16:00:00Z', false],
    ['summer time counts in the zone (09:30 CEST)', office, '2026-07-01T07:30:00Z', true],
    ['summer time, 08:30 CEST is 07:30 CET: still closed', office, '2026-07-01T06:30:00Z', false],
    ['a Saturday', office, '2026-12-05T10:00:00Z', false],
    ['an exception with its own ranges: inside them', office, '2026-12-24T10:00:00Z', true],
    ['an exception replaces the weekly ranges: 13:00 on Christmas Eve', office, '2026-12-24T12:00:00Z', false],
    ['a closed exception on a weekday', office, '2026-12-25T10:00:00Z', false],
    ['across midnight: Monday 23:00', nights, '2026-12-07T22:00:00Z', true],
    ['across midnight: early Tuesday belongs to Monday', nights, '2026-12-08T04:00:00Z', true],
    ['across midnight: Tuesday 06:00 is closed', nights, '2026-12-08T05:00:00Z', false],
    ['across midnight: Monday 21:59 is closed', nights, '2026-12-07T20:59:00Z', false],
    ['across midnight: not on Tuesday night', nights, '2026-12-08T22:30:00Z', false],
    // 2026-12-01 is a Tuesday; Monday 2026-11-30's night runs into it although it is closed.
    ['a range belongs to the date it starts on (spills into a closed date)', nights, '2026-12-01T01:00:00Z', true],
  ];
  for (const [name, s, instant, open] of table) {
    it(`${name}: ${instant} -> ${open ? 'open' : 'closed'}`, () => {
      expect(isOpen(s, at(instant))).to.equal(open);
    });
  }

  describe('across daylight-saving changes (Europe/Warsaw)', () => {
    // 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00Z. 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00Z.
    const springGap = schedule({ timeZone: 'Europe/Warsaw', weekly: [{ days: ['sun'], from: '02:30', to: '03:30' }] });
    const inGap = schedule({ timeZone: 'Europe/Warsaw', weekly: [{ days: ['sun'], from: '02:00', to: '02:45' }] });
    const repeated = schedule({ timeZone: 'Europe/Warsaw', weekly: [{ days: ['sun'], from: '01:30', to: '02:30' }] });
    const cases: Array<[string, Schedule, string, boolean]> = [
      ['a range starting in the spring gap opens at the jump (03:00 CEST)', springGap, '2026-03-29T01:00:00Z', true],
      ['... and the minute before the jump (01:59 CET) is closed', springGap, '2026-03-29T00:59:00Z', false],
      ['... and closes at 03:30 CEST', springGap, '2026-03-29T01:30:00Z', false],
      ['a range wholly in the gap never opens that day', inGap, '2026-03-29T01:10:00Z', false],
      ['... but opens the other Sundays (02:10 CET)', inGap, '2026-03-22T01:10:00Z', true],
      ['the repeated hour: open at the first 02:00 (CEST)', repeated, '2026-10-25T00:00:00Z', true],
      ['the repeated hour: closed from the first 02:30 (CEST)', repeated, '2026-10-25T00:30:00Z', false],
      ['the repeated hour: a range is open once, so the second 02:10 (CET) is closed', repeated, '2026-10-25T01:10:00Z', false],
    ];
    for (const [name, s, instant, open] of cases) {
      it(`${name}: ${instant} -> ${open ? 'open' : 'closed'}`, () => {
        expect(isOpen(s, at(instant))).to.equal(open);
      });
    }
  });

  it('reads hours in the zone given, not the machine\'s: 09:30 in New York is 14:30Z in winter', () => {
    const ny = schedule({ timeZone: 'America/New_York', weekly: [{ days: ['wed'], from: '09:00', to: '10:00' }] });
    expect(isOpen(ny, at('2026-12-02T14:30:00Z'))).to.equal(true);
    expect(isOpen(ny, at('2026-12-02T09:30:00Z'))).to.equal(false);
  });

  // Properties over instants from 2000 to 2040 and zones with and without DST.
  const zones = ['Europe/Warsaw', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC', 'America/Santiago'];
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });

  it('property: a week-long always-open schedule is open at any instant, in any zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (timeZone, t) => {
        const always = schedule({ timeZone, weekly: [{ days: [...WEEKDAYS], from: '00:00', to: '24:00' }] });
        return isOpen(always, t);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a schedule with no ranges is closed at any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (timeZone, t) => !isOpen(schedule({ timeZone }), t)),
      { numRuns: 200 },
    );
  });

  it('property: a daily range and its complement (to-from, from-to) are never open together and one is open, away from DST changes', () => {
    const minutes = fc.integer({ min: 0, max: 23 * 60 + 59 });
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    fc.assert(
      fc.property(fc.constantFrom('UTC', 'Asia/Kolkata', 'Europe/Warsaw'), minutes, minutes, instant, (timeZone, a, b, t) => {
        fc.pre(a !== b);
        const days = [...WEEKDAYS];
        const one = schedule({ timeZone, weekly: [{ days, from: hhmm(a), to: hhmm(b) }] });
        const other = schedule({ timeZone, weekly: [{ days, from: hhmm(b), to: hhmm(a) }] });
        // Within a day of a DST change the two may both be closed (a gap) or both open (a repeated hour).
        const offset = (ms: number) => new Date(ms).toLocaleString('en-US', { timeZone, timeZoneName: 'shortOffset' }).split(' ').pop();
        fc.pre(offset(t - 86_400_000) === offset(t + 86_400_000));
        return isOpen(one, t) !== isOpen(other, t);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a closed exception closes every instant of its local date when no range runs past midnight', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (timeZone, t) => {
        const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
        const s = schedule({
          timeZone,
          weekly: [{ days: [...WEEKDAYS], from: '00:00', to: '24:00' }],
          exceptions: [{ date, closed: true }],
        });
        return !isOpen(s, t);
      }),
      { numRuns: 200 },
    );
  });
});
