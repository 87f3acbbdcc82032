import { describe, expect, it } from 'vitest';
import { cnHolidayYears } from './cn-holidays';
import { addCalendarDays, addHours, addWorkingDays, buildCalendar, calendarCoverage, cnCalendar, isWorkingDate, isWorkingDay, nextWorkingDate } from './working-days';

/** A Shanghai wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);
const weekday = (ymd: string) => new Date(`${ymd}T00:00:00Z`).getUTCDay();

describe('holiday data', () => {
  it.each([
    [2025, 28, 5],
    [2026, 33, 6],
  ])('%i has the days off and make-up days of the State Council notice', (year, off, makeUp) => {
    const y = cnHolidayYears.find((h) => h.year === year)!;
    expect(y.status).toBe('official');
    const days = y.periods.flatMap((p) => {
      const list: string[] = [];
      for (let d = p.off[0]; d <= p.off[1]; d = addCalendarDays(d, 1)) list.push(d);
      return list;
    });
    expect(days).toHaveLength(off);
    expect(y.periods.flatMap((p) => p.makeUpWorkdays)).toHaveLength(makeUp);
  });

  it('only ever moves work to a weekend, and keeps every date inside its year', () => {
    for (const y of cnHolidayYears) {
      for (const p of y.periods) {
        expect(p.off[0] <= p.off[1]).toBe(true);
        for (const d of [...p.off, ...p.makeUpWorkdays]) expect(d.startsWith(`${y.year}-`)).toBe(true);
        for (const d of p.makeUpWorkdays) expect([0, 6]).toContain(weekday(d));
      }
    }
  });

  it('marks 2027 as provisional, without make-up days', () => {
    expect(calendarCoverage(2027)).toBe('provisional');
    expect(cnHolidayYears.find((y) => y.year === 2027)!.periods.flatMap((p) => p.makeUpWorkdays)).toEqual([]);
    expect(calendarCoverage(2026)).toBe('official');
    expect(calendarCoverage(2028)).toBe('unknown');
  });
});

describe('isWorkingDate', () => {
  it.each([
    ['2026-11-23', true, 'an ordinary Monday'],
    ['2026-11-21', false, 'an ordinary Saturday'],
    ['2026-01-01', false, 'New Year'],
    ['2026-01-04', true, 'a Sunday worked for New Year'],
    ['2026-02-14', true, 'a Saturday worked before Spring Festival'],
    ['2026-02-16', false, 'a Monday of Spring Festival'],
    ['2026-02-24', true, 'the first day back after Spring Festival'],
    ['2026-02-28', true, 'a Saturday worked after Spring Festival'],
    ['2026-05-09', true, 'a Saturday worked for Labour Day'],
    ['2026-09-25', false, 'Mid-Autumn Friday'],
    ['2026-10-07', false, 'the last day of National Day'],
    ['2026-10-08', true, 'the Thursday after National Day'],
    ['2026-10-10', true, 'a Saturday worked for National Day'],
    ['2025-01-26', true, 'a Sunday worked before Spring Festival 2025'],
    ['2025-10-08', false, 'the eighth day of National Day 2025'],
    ['2027-02-08', false, 'the third day of Spring Festival 2027 (provisional)'],
    ['2027-10-04', true, 'a Monday after the provisional National Day 2027'],
    ['2024-10-01', true, 'a Tuesday in 2024, a year without data: weekends only'],
    ['2028-01-01', false, 'a Saturday in 2028, a year without data'],
  ])('%s is %s (%s)', (ymd, working) => {
    expect(isWorkingDate(ymd)).toBe(working);
  });
});

describe('isWorkingDay', () => {
  it('reads the date in Shanghai, not UTC', () => {
    expect(isWorkingDay(new Date('2026-11-20T15:59:00Z'))).toBe(true); // Friday 23:59 in Shanghai
    expect(isWorkingDay(new Date('2026-11-20T16:00:00Z'))).toBe(false); // Saturday 00:00 in Shanghai
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-23T10:00:00', 3, '2026-11-26T10:00:00', 'Monday + 3 is Thursday, same time'],
    ['2026-11-20T10:00:00', 3, '2026-11-25T10:00:00', 'Friday + 3 skips the weekend'],
    ['2026-11-20T23:30:00', 1, '2026-11-23T23:30:00', 'late Friday + 1 is late Monday'],
    ['2026-11-21T10:00:00', 3, '2026-11-26T00:00:00', 'Saturday starts counting Monday 00:00'],
    ['2026-11-22T23:59:00', 0, '2026-11-23T00:00:00', 'Sunday + 0 is the start of Monday'],
    ['2026-11-23T10:00:00', 0, '2026-11-23T10:00:00', 'a working day + 0 is the same instant'],
    ['2026-09-30T10:00:00', 3, '2026-10-10T10:00:00', 'over National Day to the worked Saturday'],
    ['2026-02-13T15:00:00', 1, '2026-02-14T15:00:00', 'Friday + 1 is the worked Saturday before Spring Festival'],
    ['2026-02-13T15:00:00', 2, '2026-02-24T15:00:00', 'Friday + 2 is after Spring Festival'],
    ['2026-10-03T09:00:00', 1, '2026-10-09T00:00:00', 'from a holiday the clock starts on 8 October'],
    ['2026-11-23T10:00:00', 15, '2026-12-14T10:00:00', '15 working days is three weeks without holidays'],
    ['2026-12-31T18:00:00', 5, '2027-01-08T18:00:00', 'into the provisional 2027 New Year'],
    ['2024-09-30T10:00:00', 1, '2024-10-01T10:00:00', 'a year without data counts weekends only'],
  ])('%s + %i → %s (%s)', (from, n, want) => {
    expect(addWorkingDays(at(from), n).toISOString()).toBe(at(want).toISOString());
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(at('2026-11-23T10:00:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-11-23T10:00:00'), 1.5)).toThrow(RangeError);
  });

  it('works with a calendar built from other data', () => {
    const local = buildCalendar([{ year: 2026, status: 'official', source: 'test', periods: [{ name: '假日', off: ['2026-11-24', '2026-11-24'], makeUpWorkdays: ['2026-11-28'] }] }]);
    expect(addWorkingDays(at('2026-11-23T10:00:00'), 1, local).toISOString()).toBe(at('2026-11-25T10:00:00').toISOString());
    expect(nextWorkingDate('2026-11-27', local)).toBe('2026-11-28');
    expect(isWorkingDate('2026-11-24', cnCalendar)).toBe(true);
  });

  it('stops with an error on data that has no working day for two months', () => {
    const closed = buildCalendar([{ year: 2026, status: 'official', source: 'test', periods: [{ name: '全关', off: ['2026-01-01', '2026-12-31'], makeUpWorkdays: [] }] }]);
    expect(() => nextWorkingDate('2026-03-01', closed)).toThrow(/no working day/);
  });
});

describe('addHours', () => {
  it('adds exact hours across midnight', () => {
    expect(addHours(at('2026-11-23T23:30:00'), 1).toISOString()).toBe(at('2026-11-24T00:30:00').toISOString());
    expect(addHours(at('2026-11-23T10:00:00'), 24).toISOString()).toBe(at('2026-11-24T10:00:00').toISOString());
  });
});
