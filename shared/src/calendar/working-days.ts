/**
 * Working days in Asia/Shanghai (UTC+8 all year, no daylight saving, so the offset is plain
 * arithmetic and no time-zone database is needed). A working day is Monday–Friday unless the
 * calendar marks it a day off, or a weekend day the calendar marks as 调休上班.
 *
 * `addWorkingDays(from, n)`: the deadline is at the same Shanghai clock time n working days
 * later. When `from` is not on a working day (a weekend, a holiday), the clock starts at
 * 00:00 of the next working day, so a case filed on Saturday with n = 3 is due at 00:00 on
 * the fourth working day, i.e. after three whole working days. Years without calendar data
 * count weekends only.
 */
import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../dates';
import { cnHolidayYears, type HolidayYear } from './cn-holidays';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** No calendar has this many days off in a row; a guard against malformed data. */
const MAX_DAYS_OFF_IN_A_ROW = 60;

export interface WorkingCalendar {
  /** Days off (放假), YYYY-MM-DD. */
  readonly daysOff: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班), YYYY-MM-DD. */
  readonly makeUpWorkdays: ReadonlySet<string>;
  /** Years the data covers and whether each is official or provisional. */
  readonly years: ReadonlyMap<number, HolidayYear['status']>;
}

/** Builds a calendar from holiday data (see cn-holidays.ts for the shape). */
export function buildCalendar(data: readonly HolidayYear[]): WorkingCalendar {
  const daysOff = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  const years = new Map<number, HolidayYear['status']>();
  for (const year of data) {
    years.set(year.year, year.status);
    for (const period of year.periods) {
      for (let d = period.off[0]; d <= period.off[1]; d = addCalendarDays(d, 1)) daysOff.add(d);
      for (const d of period.makeUpWorkdays) makeUpWorkdays.add(d);
    }
  }
  return { daysOff, makeUpWorkdays, years };
}

/** The official PRC calendar of cn-holidays.ts. */
export const cnCalendar: WorkingCalendar = buildCalendar(cnHolidayYears);

/** Whether the calendar has official, provisional or no data for a year. */
export function calendarCoverage(year: number, calendar: WorkingCalendar = cnCalendar): HolidayYear['status'] | 'unknown' {
  return calendar.years.get(year) ?? 'unknown';
}

/** `ymd` plus `days` calendar days (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addCalendarDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** True when the Shanghai date `ymd` (YYYY-MM-DD) is a working day. */
export function isWorkingDate(ymd: string, calendar: WorkingCalendar = cnCalendar): boolean {
  if (calendar.makeUpWorkdays.has(ymd)) return true;
  if (calendar.daysOff.has(ymd)) return false;
  const weekday = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** True when the instant `at` falls on a working day in Shanghai. */
export function isWorkingDay(at: Date, calendar: WorkingCalendar = cnCalendar): boolean {
  return isWorkingDate(shanghaiDate(at), calendar);
}

/** The first working day strictly after the Shanghai date `ymd`. */
export function nextWorkingDate(ymd: string, calendar: WorkingCalendar = cnCalendar): string {
  let d = addCalendarDays(ymd, 1);
  for (let i = 0; !isWorkingDate(d, calendar); i++) {
    if (i > MAX_DAYS_OFF_IN_A_ROW) throw new Error(`no working day within ${MAX_DAYS_OFF_IN_A_ROW} days after ${ymd}`);
    d = addCalendarDays(d, 1);
  }
  return d;
}

/** The instant `n` working days after `from`, at the same Shanghai clock time (see file note). */
export function addWorkingDays(from: Date, n: number, calendar: WorkingCalendar = cnCalendar): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0, got ${n}`);
  const local = from.getTime() + SHANGHAI_OFFSET_MS;
  let day = shanghaiDate(from);
  let clockMs = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  if (!isWorkingDate(day, calendar)) {
    day = nextWorkingDate(day, calendar);
    clockMs = 0;
  }
  for (let i = 0; i < n; i++) day = nextWorkingDate(day, calendar);
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS + clockMs);
}

/** `from` plus a number of hours (exact: Shanghai has no daylight saving). */
export function addHours(from: Date, hours: number): Date {
  return new Date(from.getTime() + hours * HOUR_MS);
}
