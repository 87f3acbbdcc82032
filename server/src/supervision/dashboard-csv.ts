/**
 * The dashboard as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads the Chinese),
 * CRLF line ends, one row per region directly below the chosen area (plus the area itself
 * when cases are located only to it) and a last row 合计 for the whole area. Every row
 * repeats the period, so a sheet pasted elsewhere still says what it covers.
 */
import { statusLabels } from '../../../shared/src/cases/state-machine';
import { caseStatuses, priorities } from '../../../shared/src/contract/enums';
import type { Dashboard, Metrics } from './dashboard';

export const CSV_BOM = '\uFEFF';

/** Minutes rounded to one decimal for display; empty when there is no figure. */
export const minutesText = (v: number | null) => (v === null ? '' : String(Math.round(v * 10) / 10));

const header = [
  '地区代码', '地区', '开始日期', '结束日期', '申请数',
  ...caseStatuses.map((s) => `状态:${statusLabels[s]}`),
  ...priorities.map((p) => `紧急程度:${p}`),
  '首次联系按时', '首次联系超时', '首次联系未到期', '决定按时', '决定超时', '决定未到期',
  '首次联系用时中位数(分钟)', '首次联系用时90分位(分钟)', '先行救助金额(元)', '批准并发放金额(元)', '发放合计(元)',
];

const values = (m: Metrics) => [
  m.cases,
  ...caseStatuses.map((s) => m.byStatus[s]),
  ...priorities.map((p) => m.byPriority[p]),
  m.firstContact.met, m.firstContact.missed, m.firstContact.pending, m.decision.met, m.decision.missed, m.decision.pending,
  minutesText(m.minutesToFirstContact.median), minutesText(m.minutesToFirstContact.p90), m.money.preRescue, m.money.approvedPaid, m.money.total,
];

/** Quotes a cell when needed, and defuses text that a spreadsheet would run as a formula. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The whole CSV document, BOM included. */
export function dashboardCsv(d: Dashboard): string {
  const { from, to } = d.period;
  const lines = [
    header,
    ...d.rows.map((r) => [r.code, r.self ? `${r.name}（本级）` : r.name, from, to, ...values(r.metrics)]),
    [d.area.code, `合计（${d.area.name}）`, from, to, ...values(d.totals)],
  ];
  return CSV_BOM + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
