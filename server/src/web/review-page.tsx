import { inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { hardshipTypeLabels, type HardshipType } from '../../../shared/src/contract/enums';
import { cases } from '../db/schema';
import type { AppEnv } from '../platform/context';
import { listStaffCases, type StaffCaseListItem } from '../staff/case-work';
import { requireStaff } from '../staff/middleware';
import { Page, PriorityBadge } from './layout';
import { shTime, timeLeft } from './format';

type Amounts = Map<string, { preRescue: number | null; approved: number | null }>;

const Section = ({ title, empty, items, amounts, now, regionNames }: { title: string; empty: string; items: StaffCaseListItem[]; amounts: Amounts; now: Date; regionNames: Map<string, string> }) => (
  <section class="card" aria-label={title}>
    <h2 style="font-size:1.1rem;margin-top:0">
      {title}（{items.length}）
    </h2>
    <table>
      <thead>
        <tr>
          <th>紧急程度</th>
          <th>编号 / 困难</th>
          <th class="opt">申请人 / 地区</th>
          <th>办结期限</th>
          <th>金额（元）</th>
          <th class="opt">服务队</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 && (
          <tr>
            <td colspan={6}>{empty}</td>
          </tr>
        )}
        {items.map((c) => {
          const left = timeLeft(c.decisionDue, now);
          const a = amounts.get(c.id);
          return (
            <tr class={left.breached ? 'breach' : ''} data-tracking={c.trackingNo}>
              <td>
                <PriorityBadge priority={c.priority} />
              </td>
              <td>
                <a href={`/staff/cases/${c.trackingNo}`}>{c.trackingNo}</a>
                <div class="muted">{hardshipTypeLabels[c.hardshipType as HardshipType] ?? c.hardshipType}</div>
              </td>
              <td class="opt">
                {c.applicantName}
                <div class="muted">{regionNames.get(c.regionCode) ?? c.regionCode}</div>
              </td>
              <td class="left">
                {left.breached ? '⚠ ' : ''}
                {left.text}
                <div class="muted">{shTime(c.decisionDue)}</div>
              </td>
              <td>
                {a?.approved != null ? `批准 ${a.approved}` : '—'}
                {a?.preRescue != null && <div class="muted">已先行救助 {a.preRescue}</div>}
              </td>
              <td class="opt">{c.teamName.replace('快速响应服务队', '')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </section>
);

/** `/staff/review`: cases of the reviewer's area waiting for a decision or for payment, oldest deadline first. */
export const reviewPages = new Hono<AppEnv>()
  .use('*', requireStaff(['reviewer', 'supervisor']))
  .get('/', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const [items, regions] = await Promise.all([
      listStaffCases(services, staff, { statuses: ['under_review', 'approved'], limit: 500 }),
      services.regions.all(),
    ]);
    const byDeadline = (a: StaffCaseListItem, b: StaffCaseListItem) => a.decisionDue.getTime() - b.decisionDue.getTime() || a.createdAt.getTime() - b.createdAt.getTime();
    const review = items.filter((i) => i.status === 'under_review').sort(byDeadline);
    const toPay = items.filter((i) => i.status === 'approved').sort(byDeadline);
    const rows = items.length
      ? await services.database.db
          .select({ id: cases.id, preRescue: cases.preRescueAmount, approved: cases.approvedAmount })
          .from(cases)
          .where(inArray(cases.id, items.map((i) => i.id)))
      : [];
    const amounts: Amounts = new Map(rows.map((r) => [r.id, { preRescue: r.preRescue, approved: r.approved }]));
    const regionNames = new Map(regions.map((r) => [r.code, r.name]));
    const now = services.clock();
    return c.html(
      <Page title="审核" staff={staff} csrfToken={c.get('csrfToken')} current="/staff/review">
        <p class="muted">
          点编号进入办理页，可批准（金额不超过当地上限）、不予批准（须写明理由）或登记发放。批准的救助会进入
          <a href={`/notice?area=${staff.areaCode}`}>公示名单</a>（姓名和身份证号隐藏部分）。
        </p>
        <Section title="待审核" empty="目前没有待审核的申请。" items={review} amounts={amounts} now={now} regionNames={regionNames} />
        <Section title="已批准，待发放" empty="目前没有待发放的救助。" items={toPay} amounts={amounts} now={now} regionNames={regionNames} />
      </Page>,
    );
  });
