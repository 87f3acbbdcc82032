/**
 * The PRC public-holiday calendar as data: days off (放假) and weekend days that are working
 * days (调休上班), per year, from the State Council General Office's yearly notice.
 * Add a year by appending an entry when the notice is published (usually in November).
 * Years not listed here are treated as weekends-only by calendar/working-days.ts.
 */

export interface HolidayPeriod {
  name: string;
  /** First and last day off, inclusive, YYYY-MM-DD. */
  off: readonly [string, string];
  /** Weekend days worked instead (调休上班). */
  makeUpWorkdays: readonly string[];
}

export interface HolidayYear {
  year: number;
  /** `official`: copied from the notice. `provisional`: computed, replace when published. */
  status: 'official' | 'provisional';
  source: string;
  periods: readonly HolidayPeriod[];
}

export const cnHolidayYears: readonly HolidayYear[] = [
  {
    year: 2025,
    status: 'official',
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）',
    periods: [
      { name: '元旦', off: ['2025-01-01', '2025-01-01'], makeUpWorkdays: [] },
      { name: '春节', off: ['2025-01-28', '2025-02-04'], makeUpWorkdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', off: ['2025-04-04', '2025-04-06'], makeUpWorkdays: [] },
      { name: '劳动节', off: ['2025-05-01', '2025-05-05'], makeUpWorkdays: ['2025-04-27'] },
      { name: '端午节', off: ['2025-05-31', '2025-06-02'], makeUpWorkdays: [] },
      { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], makeUpWorkdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    status: 'official',
    source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025-11-04）',
    periods: [
      { name: '元旦', off: ['2026-01-01', '2026-01-03'], makeUpWorkdays: ['2026-01-04'] },
      { name: '春节', off: ['2026-02-15', '2026-02-23'], makeUpWorkdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', off: ['2026-04-04', '2026-04-06'], makeUpWorkdays: [] },
      { name: '劳动节', off: ['2026-05-01', '2026-05-05'], makeUpWorkdays: ['2026-05-09'] },
      { name: '端午节', off: ['2026-06-19', '2026-06-21'], makeUpWorkdays: [] },
      { name: '中秋节', off: ['2026-09-25', '2026-09-27'], makeUpWorkdays: [] },
      { name: '国庆节', off: ['2026-10-01', '2026-10-07'], makeUpWorkdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
  {
    // PROVISIONAL. The 2027 notice was not available when this was written. These are only the
    // statutory days of 全国年节及纪念日放假办法 (2024 revision) on the 2027 lunar and solar
    // dates: 春节 = 除夕 (2027-02-05, 腊月二十九) to 正月初三; no bridging days, no in-lieu
    // days and no make-up working days. Deadlines computed with it can only come out earlier
    // than the official ones, never later. Replace this entry with the notice when published.
    year: 2027,
    status: 'provisional',
    source: '全国年节及纪念日放假办法（2024年修订）法定节日推算，待国务院办公厅通知发布后替换',
    periods: [
      { name: '元旦', off: ['2027-01-01', '2027-01-01'], makeUpWorkdays: [] },
      { name: '春节', off: ['2027-02-05', '2027-02-08'], makeUpWorkdays: [] },
      { name: '清明节', off: ['2027-04-05', '2027-04-05'], makeUpWorkdays: [] },
      { name: '劳动节', off: ['2027-05-01', '2027-05-02'], makeUpWorkdays: [] },
      { name: '端午节', off: ['2027-06-09', '2027-06-09'], makeUpWorkdays: [] },
      { name: '中秋节', off: ['2027-09-15', '2027-09-15'], makeUpWorkdays: [] },
      { name: '国庆节', off: ['2027-10-01', '2027-10-03'], makeUpWorkdays: [] },
    ],
  },
];
