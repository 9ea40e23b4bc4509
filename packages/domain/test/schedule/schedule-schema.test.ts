import { expect } from 'chai';
import { formatIssuePath, ScheduleSchema } from '../../src/index.js';

function problems(input: unknown): string[] {
  const parsed = ScheduleSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
}

const week = [{ days: ['mon'], from: '09:00', to: '17:00' }];

describe('rule 10: the working-hours schema', () => {
  for (const timeZone of ['Europe/Warsaw', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+2', 'America/Port-au-Prince']) {
    it(`accepts the time zone ${timeZone}`, () => {
      expect(problems({ timeZone, weekly: week })).to.deep.equal([]);
    });
  }

  const bad: Array<[string, unknown, string, string]> = [
    ['an unknown zone', { timeZone: 'Europe/Gdansk', weekly: week }, 'timeZone', 'not a time zone this platform knows'],
    ['an offset instead of a zone', { timeZone: '+01:00', weekly: week }, 'timeZone', 'IANA time zone name'],
    ['a zone with a space', { timeZone: 'Europe/ Warsaw', weekly: week }, 'timeZone', 'IANA time zone name'],
    ['24:00 as a start', { timeZone: 'UTC', weekly: [{ days: ['mon'], from: '24:00', to: '10:00' }] }, 'weekly[0].from', '00:00 to 23:59'],
    ['25:00', { timeZone: 'UTC', weekly: [{ days: ['mon'], from: '09:00', to: '25:00' }] }, 'weekly[0].to', '00:00 to 24:00'],
    ['9:00 without its leading zero', { timeZone: 'UTC', weekly: [{ days: ['mon'], from: '9:00', to: '17:00' }] }, 'weekly[0].from', 'HH:MM'],
    ['an empty range', { timeZone: 'UTC', weekly: [{ days: ['mon'], from: '09:00', to: '09:00' }] }, 'weekly[0].to', 'empty range'],
    ['a range without days', { timeZone: 'UTC', weekly: [{ days: [], from: '09:00', to: '10:00' }] }, 'weekly[0].days', 'at least one day'],
    ['a day twice', { timeZone: 'UTC', weekly: [{ days: ['mon', 'mon'], from: '09:00', to: '10:00' }] }, 'weekly[0].days', 'twice'],
    ['an unknown day', { timeZone: 'UTC', weekly: [{ days: ['monday'], from: '09:00', to: '10:00' }] }, 'weekly[0].days[0]', ''],
    ['a date that does not exist', { timeZone: 'UTC', exceptions: [{ date: '2026-02-30', closed: true }] }, 'exceptions[0].date', 'not a day of the calendar'],
    ['a date in another format', { timeZone: 'UTC', exceptions: [{ date: '30.12.2026', closed: true }] }, 'exceptions[0].date', ''],
    [
      'the same date twice',
      { timeZone: 'UTC', exceptions: [{ date: '2026-12-24', closed: true }, { date: '2026-12-24', ranges: [{ from: '09:00', to: '10:00' }] }] },
      'exceptions[1].date',
      'listed twice',
    ],
  ];
  for (const [name, input, path, says] of bad) {
    it(`refuses ${name} at ${path}`, () => {
      const found = problems(input).filter((p) => p.startsWith(`${path}: `) || (p.startsWith(path) && says === ''));
      expect(found, JSON.stringify(problems(input))).to.have.length.greaterThan(0);
      expect(found.join(' | ')).to.contain(says);
    });
  }

  it('accepts 00:00 to 24:00 (a whole day) and 22:00 to 06:00 (past midnight)', () => {
    expect(problems({ timeZone: 'UTC', weekly: [{ days: ['sat'], from: '00:00', to: '24:00' }, { days: ['fri'], from: '22:00', to: '06:00' }] })).to.deep.equal([]);
  });
});
