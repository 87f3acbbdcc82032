import type { FC } from 'hono/jsx';
import type { Services } from '../platform/context';
import { unreadAlerts, type AlertItem } from '../roster/alerts';
import type { StaffUser } from '../staff/auth';
import { shTime } from './format';
import { Csrf } from './layout';

/** Where the banner's fragment is served and where "mark read" posts (routes in roster-page.tsx). */
export const ALERTS_FRAGMENT_PATH = '/staff/roster/alerts';
export const ALERTS_READ_PATH = '/staff/roster/alerts/read';

/** The staff member's unread alerts for a page. */
export function alertsFor(services: Services, staff: StaffUser): Promise<AlertItem[]> {
  return unreadAlerts(services.database.db, staff.id);
}

/**
 * The staff member's unread alerts (P1 cases to pick up, deadline breaches), newest first,
 * with a "mark all read" button. Always renders its `#staff-alerts` container, so a page
 * can refresh it in place with `alertsScript`.
 */
export const AlertsBanner: FC<{ alerts: AlertItem[]; csrfToken?: string | undefined; back?: string }> = ({ alerts, csrfToken, back }) => (
  <section id="staff-alerts" aria-label="提醒" aria-live="assertive">
    {alerts.length > 0 && (
      <div class="flash error" role="alert">
        <strong>您有 {alerts.length} 条未读提醒</strong>
        <ul style="margin:.4rem 0;padding-left:1.2rem">
          {alerts.map((a) => (
            <li data-alert={a.id} class={a.kind === 'p1_case' ? 'p1' : ''}>
              <span class="muted">{shTime(a.createdAt)}</span> {a.message}
              {a.trackingNo && (
                <>
                  {' '}
                  <a href={`/staff/cases/${a.trackingNo}`}>查看</a>
                </>
              )}
            </li>
          ))}
        </ul>
        <form method="post" action={ALERTS_READ_PATH} class="inline">
          <Csrf token={csrfToken} />
          <input type="hidden" name="back" value={back ?? '/staff/roster'} />
          <button type="submit" class="secondary">全部标为已读</button>
        </form>
      </div>
    )}
  </section>
);

/**
 * Client script for a page showing the banner: `window.refreshStaffAlerts()` reloads it in
 * place (call it from the live stream's `case` listener); it also refreshes every 30 s.
 */
export const alertsScript = `
(function(){
  window.refreshStaffAlerts=function(){fetch('${ALERTS_FRAGMENT_PATH}?back='+encodeURIComponent(location.pathname),{credentials:'same-origin'}).then(function(r){return r.ok?r.text():null}).then(function(h){var el=document.getElementById('staff-alerts');if(h!==null&&el)el.outerHTML=h;}).catch(function(){});};
  setInterval(window.refreshStaffAlerts,30000);
})();`;
