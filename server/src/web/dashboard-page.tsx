import { Hono, type Context } from 'hono';
import { statusLabels } from '../../../shared/src/cases/state-machine';
import { caseStatuses, priorities } from '../../../shared/src/contract/enums';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { requireStaff } from '../staff/middleware';
import { BarChart, type Bar } from '../supervision/charts';
import { computeDashboard, type Dashboard, type DeadlineCounts, type Metrics } from '../supervision/dashboard';
import { dashboardCsv, minutesText } from '../supervision/dashboard-csv';
import { areaChoices, defaultPeriod, parsePeriod, staffArea } from '../supervision/period';
import { Page } from './layout';
import { shTime } from './format';

const ROLES = ['supervisor', 'admin', 'auditor'] as const;

/** 12,345.5 yuan: grouped digits, fen only when there are some. */
export const yuan = (n: number) => {
  const [int, dec] = (Number.isInteger(n) ? String(n) : n.toFixed(2)).split('.');
  return int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (dec ? `.${dec}` : '');
};
const minutes = (v: number | null) => (v === null ? '—' : `${minutesText(v)} 分钟${v >= 120 ? `（约${Math.round(v / 6) / 10}小时）` : ''}`);
const rate = (d: DeadlineCounts) => (d.met + d.missed ? `${Math.round((d.met / (d.met + d.missed)) * 1000) / 10}%` : '—');

/** Reads area and period from the query; the caller's own area and the last 30 days by default. */
async function dashboardFor(c: Context<AppEnv>): Promise<Dashboard> {
  const services = c.get('services');
  const staff = c.get('staff');
  const area = await staffArea(services, staff.areaCode, c.req.query('area'));
  const period = parsePeriod(c.req.query('from'), c.req.query('to'), services.clock());
  return computeDashboard(services, area, period);
}

const deadlineBars = (d: DeadlineCounts): Bar[] => [
  { label: '按时', value: d.met, tone: 'ok' },
  { label: '超时', value: d.missed, tone: 'bad' },
  { label: '未到期', value: d.pending, tone: 'muted' },
];

const Summary = ({ m }: { m: Metrics }) => (
  <div class="grid" aria-label="主要指标">
    <section class="card">
      <h2 style="font-size:1.05rem;margin:0">申请数</h2>
      <p style="font-size:1.8rem;margin:.3rem 0" data-metric="cases">{m.cases} 件</p>
      <p class="muted" style="margin:0">{priorities.map((p) => `${p} ${m.byPriority[p]} 件`).join('，')}</p>
    </section>
    <section class="card">
      <h2 style="font-size:1.05rem;margin:0">首次联系期限</h2>
      <p style="margin:.3rem 0" data-metric="first-contact">按时 {m.firstContact.met} 件，超时 {m.firstContact.missed} 件，未到期 {m.firstContact.pending} 件</p>
      <p class="muted" style="margin:0">按时率 {rate(m.firstContact)}</p>
    </section>
    <section class="card">
      <h2 style="font-size:1.05rem;margin:0">审批决定期限</h2>
      <p style="margin:.3rem 0" data-metric="decision">按时 {m.decision.met} 件，超时 {m.decision.missed} 件，未到期 {m.decision.pending} 件</p>
      <p class="muted" style="margin:0">按时率 {rate(m.decision)}</p>
    </section>
    <section class="card">
      <h2 style="font-size:1.05rem;margin:0">首次联系用时</h2>
      <p style="margin:.3rem 0" data-metric="minutes">中位数 {minutes(m.minutesToFirstContact.median)}</p>
      <p style="margin:0">90% 在 {minutes(m.minutesToFirstContact.p90)} 内</p>
      <p class="muted" style="margin:0">已联系 {m.minutesToFirstContact.count} 件</p>
    </section>
    <section class="card">
      <h2 style="font-size:1.05rem;margin:0">发放金额</h2>
      <p style="font-size:1.8rem;margin:.3rem 0" data-metric="money">{yuan(m.money.total)} 元</p>
      <p class="muted" style="margin:0">先行救助 {yuan(m.money.preRescue)} 元，批准并发放 {yuan(m.money.approvedPaid)} 元</p>
    </section>
  </div>
);

const AreaTable = ({ d }: { d: Dashboard }) => (
  <table>
    <caption class="muted" style="text-align:left;padding:.3rem 0">按地区</caption>
    <thead>
      <tr>
        <th>地区</th><th>申请数</th><th class="opt">P1 / P2 / P3</th><th>首次联系 按时 / 超时</th><th class="opt">决定 按时 / 超时</th><th class="opt">联系用时 中位数 / 90分位</th><th>发放（元）</th>
      </tr>
    </thead>
    <tbody>
      {d.rows.length === 0 && (
        <tr><td colspan={7}>这段时间没有受理的申请。</td></tr>
      )}
      {[...d.rows.map((r) => ({ ...r, label: r.self ? `${r.name}（本级）` : r.name })), { code: d.area.code, label: '合计', metrics: d.totals }].map((r) => (
        <tr data-area={r.code}>
          <td>{r.label === '合计' ? <strong>合计</strong> : r.label}</td>
          <td>{r.metrics.cases}</td>
          <td class="opt">{priorities.map((p) => r.metrics.byPriority[p]).join(' / ')}</td>
          <td>{r.metrics.firstContact.met} / {r.metrics.firstContact.missed}</td>
          <td class="opt">{r.metrics.decision.met} / {r.metrics.decision.missed}</td>
          <td class="opt">{minutesText(r.metrics.minutesToFirstContact.median) || '—'} / {minutesText(r.metrics.minutesToFirstContact.p90) || '—'}</td>
          <td>{yuan(r.metrics.money.total)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const Charts = ({ d }: { d: Dashboard }) => {
  const m = d.totals;
  const statuses = caseStatuses.filter((s) => m.byStatus[s] > 0);
  return (
    <div class="grid" style="grid-template-columns:repeat(auto-fit,minmax(320px,1fr))">
      <section class="card">
        <BarChart id="chart-status" title="按办理状态" unit="件" bars={(statuses.length ? statuses : caseStatuses.slice(0, 1)).map((s) => ({ label: statusLabels[s], value: m.byStatus[s] }))} />
      </section>
      <section class="card">
        <BarChart id="chart-priority" title="按紧急程度" unit="件" bars={priorities.map((p) => ({ label: { P1: 'P1 紧急', P2: 'P2 较急', P3: 'P3 一般' }[p], value: m.byPriority[p], tone: p === 'P1' ? 'bad' : p === 'P2' ? 'warn' : 'ok' }))} />
      </section>
      <section class="card">
        <BarChart id="chart-first-contact" title="首次联系期限" unit="件" bars={deadlineBars(m.firstContact)} />
      </section>
      <section class="card">
        <BarChart id="chart-decision" title="审批决定期限" unit="件" bars={deadlineBars(m.decision)} />
      </section>
      {d.rows.length > 0 && (
        <section class="card">
          <BarChart id="chart-area-money" title="各地区发放金额" unit="元" format={yuan} bars={d.rows.map((r) => ({ label: r.name, value: r.metrics.money.total }))} />
        </section>
      )}
    </div>
  );
};

const csvHandler = async (c: Context<AppEnv>) => {
  const d = await dashboardFor(c);
  const name = `erescue-dashboard-${d.area.code}-${d.period.from}-${d.period.to}.csv`;
  return c.body(dashboardCsv(d), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
  });
};

/** `/staff/dashboard`: volumes, deadlines met and missed, time to first contact and money paid, per area and period. */
export const dashboardPages = new Hono<AppEnv>()
  .use('*', requireStaff(ROLES))
  .get('/', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    let d: Dashboard;
    let error: string | undefined;
    try {
      d = await dashboardFor(c);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'REGION_UNKNOWN')) throw err;
      error = `${err.detail ?? err.message}，已显示本辖区最近30天。`;
      d = await computeDashboard(services, (await services.regions.get(staff.areaCode))!, defaultPeriod(services.clock()));
    }
    const choices = await areaChoices(services, staff.areaCode);
    const query = new URLSearchParams({ area: d.area.code, from: d.period.from, to: d.period.to }).toString();
    if (error) c.status(422);
    return c.html(
      <Page title="督办看板" staff={staff} csrfToken={c.get('csrfToken')} current="/staff/dashboard" flash={error ? { kind: 'error', text: error } : undefined}>
        <form method="get" action="/staff/dashboard" class="card actions" aria-label="统计范围">
          <div style="flex:1 1 14rem">
            <label for="area">地区</label>
            <select id="area" name="area">
              {choices.map((r) => (
                <option value={r.code} selected={r.code === d.area.code}>{'　'.repeat(r.depth)}{r.name}</option>
              ))}
            </select>
          </div>
          <div style="flex:1 1 10rem">
            <label for="from">开始日期</label>
            <input id="from" name="from" type="date" value={d.period.from} />
          </div>
          <div style="flex:1 1 10rem">
            <label for="to">结束日期</label>
            <input id="to" name="to" type="date" value={d.period.to} />
          </div>
          <div>
            <button type="submit">查看</button> <a class="button" href={`/staff/dashboard/export.csv?${query}`} download>导出 CSV</a>
          </div>
        </form>
        <p class="muted">
          {d.area.name}，{d.period.from} 至 {d.period.to} 受理的申请（按北京时间），统计于 {shTime(d.asOf)}。
        </p>
        <Summary m={d.totals} />
        <Charts d={d} />
        <section class="card">
          <AreaTable d={d} />
        </section>
        <p class="muted">
          说明：按时指在期限内完成；超时包括逾期完成和至今仍未完成且已过期限的申请；未到期指仍在办理且未过期限。首次联系用时从提交申请算起。发放金额为先行救助金额加上已发放申请的批准金额。
        </p>
      </Page>,
    );
  })
  .get('/export.csv', csvHandler);

/** The same CSV for mounting at `/staff/dashboard.csv` (a path a sub-router of `/staff/dashboard` cannot reach). */
export const dashboardCsvPages = new Hono<AppEnv>().use('*', requireStaff(ROLES)).get('/', csvHandler);
