import { Hono } from 'hono';
import { hardshipTypeLabels } from '../../../shared/src/contract/enums';
import type { AppEnv, Services } from '../platform/context';
import type { StaffUser } from '../staff/auth';
import { listStaffCases, type StaffCaseListItem } from '../staff/case-work';
import { requireStaff } from '../staff/middleware';
import { AlertsBanner, alertsFor, alertsScript } from './alerts';
import { Csrf, flashFrom, Page, PriorityBadge } from './layout';
import { timeLeft } from './format';

/** The deadline that matters now: first contact until made, then the decision. */
const dueOf = (c: StaffCaseListItem) => (c.firstContactAt ? c.decisionDue : c.firstContactDue);

const Rows = ({ items, now, staff, csrf, regionNames }: { items: StaffCaseListItem[]; now: Date; staff: StaffUser; csrf?: string | undefined; regionNames: Map<string, string> }) => (
  <>
    {items.length === 0 && (
      <tr>
        <td colspan={7}>目前没有待办的申请。</td>
      </tr>
    )}
    {items.map((c) => {
      const due = dueOf(c);
      const left = timeLeft(due, now);
      return (
        <tr class={left.breached ? 'breach' : ''} data-tracking={c.trackingNo}>
          <td>
            <PriorityBadge priority={c.priority} />
          </td>
          <td>
            <a href={`/staff/cases/${c.trackingNo}`}>{c.trackingNo}</a>
            <div class="muted">{hardshipTypeLabels[c.hardshipType as keyof typeof hardshipTypeLabels] ?? c.hardshipType}</div>
          </td>
          <td class="opt">
            {c.applicantName}
            <div class="muted">{regionNames.get(c.regionCode) ?? c.regionCode}</div>
          </td>
          <td>{c.statusLabel}</td>
          <td class="left" data-due={due.toISOString()}>
            {left.breached ? '⚠ ' : ''}
            {left.text}
            <div class="muted">{c.firstContactAt ? '办结期限' : '首次联系期限'}</div>
          </td>
          <td class="opt">{c.teamName.replace('快速响应服务队', '')}</td>
          <td>
            {c.claimedBy ? (
              <span>{c.claimedBy === staff.id ? '我负责' : `${c.claimedByName ?? '已接单'}`}</span>
            ) : (
              <form method="post" action={`/staff/cases/${c.trackingNo}/actions/claim`}>
                <Csrf token={csrf} />
                <input type="hidden" name="back" value="/staff/queue" />
                <button type="submit" aria-label={`接单 ${c.trackingNo}`}>接单</button>
              </form>
            )}
          </td>
        </tr>
      );
    })}
  </>
);

async function rowsFor(services: Services, staff: StaffUser) {
  const [items, regions] = await Promise.all([listStaffCases(services, staff, { openOnly: true }), services.regions.all()]);
  return { items, regionNames: new Map(regions.map((r) => [r.code, r.name])) };
}

// Live updates: the stream says something changed; the page fetches fresh rows (rendered
// server-side, so the same scoping and masking apply) and ticks the countdowns each 30 s.
const script = `
(function(){
  var body=document.getElementById('rows'), status=document.getElementById('live');
  function refresh(){fetch('/staff/queue/rows',{credentials:'same-origin'}).then(function(r){return r.text()}).then(function(h){body.innerHTML=h;tick();});}
  function tick(){var now=Date.now();document.querySelectorAll('[data-due]').forEach(function(td){var ms=Date.parse(td.getAttribute('data-due'))-now;var a=Math.abs(ms),h=Math.floor(a/3600000),m=Math.floor(a%3600000/60000);var span=h>=48?Math.floor(h/24)+'天'+(h%24)+'小时':h?h+'小时'+m+'分':m+'分钟';var first=td.firstChild;if(first&&first.nodeType===3){first.nodeValue=(ms<0?'⚠ 已超时':'剩余')+span;}if(ms<0)td.parentNode.classList.add('breach');});}
  var es=new EventSource('/api/v1/staff/stream');
  es.addEventListener('ready',function(){status.textContent='实时更新中';});
  es.addEventListener('case',function(){refresh();if(window.refreshStaffAlerts)window.refreshStaffAlerts();});
  es.onerror=function(){status.textContent='连接中断，正在重连…';};
  setInterval(tick,30000);
})();`;

/** `/staff/queue`: the team's live queue, most urgent first. */
export const queuePages = new Hono<AppEnv>()
  .use('*', requireStaff(['team_member', 'supervisor']))
  .get('/', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const [{ items, regionNames }, alerts] = await Promise.all([rowsFor(services, staff), alertsFor(services, staff)]);
    return c.html(
      <Page title="待办队列" staff={staff} csrfToken={c.get('csrfToken')} current="/staff/queue" scripts={alertsScript + script} flash={flashFrom((k) => c.req.query(k))}>
        <AlertsBanner alerts={alerts} csrfToken={c.get('csrfToken')} back="/staff/queue" />
        <p class="muted" role="status" aria-live="polite">
          <span id="live">正在连接…</span>　按紧急程度和期限排序，红色为已超时。
        </p>
        <table>
          <thead>
            <tr>
              <th>紧急程度</th>
              <th>编号 / 困难</th>
              <th class="opt">申请人 / 地区</th>
              <th>状态</th>
              <th>期限</th>
              <th class="opt">服务队</th>
              <th>处理人</th>
            </tr>
          </thead>
          <tbody id="rows" aria-live="polite">
            <Rows items={items} now={services.clock()} staff={staff} csrf={c.get('csrfToken')} regionNames={regionNames} />
          </tbody>
        </table>
      </Page>,
    );
  })
  .get('/rows', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const { items, regionNames } = await rowsFor(services, staff);
    return c.html(<Rows items={items} now={services.clock()} staff={staff} csrf={c.get('csrfToken')} regionNames={regionNames} />);
  });
