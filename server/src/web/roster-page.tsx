import { Hono } from 'hono';
import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../../../shared/src/dates';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { markAlertsRead } from '../roster/alerts';
import { addShift, listShifts, managesRoster, removeShift, rosterCandidates, teamsInArea, type ShiftView, type TeamInfo } from '../roster/service';
import type { StaffUser } from '../staff/auth';
import { clientIp, requireStaff } from '../staff/middleware';
import { AlertsBanner, alertsFor, alertsScript } from './alerts';
import { shTime } from './format';
import { Csrf, Page } from './layout';

const DAY_MS = 24 * 3600_000;
/** Today and the coming week. */
const WINDOW_DAYS = 8;
const weekday = ['日', '一', '二', '三', '四', '五', '六'];

/** A `datetime-local` value (Shanghai wall clock) as an instant; Invalid Date when malformed. */
export function parseLocal(value: unknown): Date {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? new Date(`${value}:00+08:00`) : new Date(NaN);
}
/** An instant as a `datetime-local` value in Shanghai time. */
const toLocal = (d: Date) => new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
const dayLabel = (d: Date) => {
  const ymd = shanghaiDate(d);
  return `${ymd.slice(5)} 周${weekday[new Date(`${ymd}T00:00:00Z`).getUTCDay()]}`;
};
const flashOf = (q: (k: string) => string | undefined) => {
  const error = q('error');
  const ok = q('ok');
  return error ? { kind: 'error' as const, text: error } : ok ? { kind: 'ok' as const, text: ok } : undefined;
};
const canRemove = (staff: StaffUser, s: ShiftView) => managesRoster(staff) || s.staffId === staff.id;

const OnDutyNow = ({ teams, shifts, now }: { teams: TeamInfo[]; shifts: ShiftView[]; now: Date }) => (
  <table>
    <thead>
      <tr>
        <th>服务队</th>
        <th>现在值班</th>
      </tr>
    </thead>
    <tbody>
      {teams.map((t) => {
        const names = [...new Set(shifts.filter((s) => s.teamId === t.id && s.startsAt <= now && s.endsAt > now).map((s) => s.staffName))];
        return (
          <tr data-team={t.id}>
            <td>{t.name}</td>
            <td>
              {names.length ? (
                names.join('、')
              ) : (
                <span class="muted">无人值班</span>
              )}
            </td>
          </tr>
        );
      })}
    </tbody>
  </table>
);

const ShiftTable = ({ shifts, staff, csrf }: { shifts: ShiftView[]; staff: StaffUser; csrf: string | undefined }) => (
  <table>
    <thead>
      <tr>
        <th>日期</th>
        <th>时间</th>
        <th>服务队</th>
        <th>队员</th>
        <th>操作</th>
      </tr>
    </thead>
    <tbody>
      {shifts.length === 0 && (
        <tr>
          <td colspan={5}>这段时间还没有排班。</td>
        </tr>
      )}
      {shifts.map((s) => (
        <tr data-shift={s.id}>
          <td>{dayLabel(s.startsAt)}</td>
          <td>
            {shTime(s.startsAt).slice(6)}–{shanghaiDate(s.endsAt) === shanghaiDate(s.startsAt) ? shTime(s.endsAt).slice(6) : shTime(s.endsAt)}
          </td>
          <td>{s.teamName.replace('快速响应服务队', '')}</td>
          <td>{s.staffName}</td>
          <td>
            {canRemove(staff, s) && (
              <form method="post" action={`/staff/roster/shifts/${s.id}/delete`} class="inline">
                <Csrf token={csrf} />
                <button type="submit" class="danger" aria-label={`删除 ${s.staffName} ${shTime(s.startsAt)} 的班次`}>删除</button>
              </form>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

const AddShiftForm = ({ teams, people, staff, csrf, now }: { teams: TeamInfo[]; people: Array<{ id: string; displayName: string }>; staff: StaffUser; csrf: string | undefined; now: Date }) => {
  const start = new Date(Math.ceil(now.getTime() / 3600_000) * 3600_000);
  return (
    <form method="post" action="/staff/roster/shifts" class="card">
      <Csrf token={csrf} />
      <label for="teamId">服务队</label>
      <select id="teamId" name="teamId" required>
        {teams.map((t) => (
          <option value={t.id} selected={t.id === staff.teamId}>
            {t.name}
          </option>
        ))}
      </select>
      {managesRoster(staff) ? (
        <>
          <label for="staffId">队员</label>
          <select id="staffId" name="staffId" required>
            {people.map((p) => (
              <option value={p.id}>{p.displayName}</option>
            ))}
          </select>
        </>
      ) : (
        <input type="hidden" name="staffId" value={staff.id} />
      )}
      <label for="startsAt">开始时间</label>
      <input id="startsAt" name="startsAt" type="datetime-local" required value={toLocal(start)} />
      <label for="endsAt">结束时间（最长24小时）</label>
      <input id="endsAt" name="endsAt" type="datetime-local" required value={toLocal(new Date(start.getTime() + 8 * 3600_000))} />
      <p>
        <button type="submit">添加班次</button>
      </p>
    </form>
  );
};

/** Turns a refused roster change into a message on the page; anything else goes to the error handler. */
async function withFlash(run: () => Promise<string>): Promise<string> {
  try {
    return `ok=${encodeURIComponent(await run())}`;
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    return `error=${encodeURIComponent(err.detail ?? err.message)}`;
  }
}

/** `/staff/roster`: who is on duty now, the roster of the area's teams for the week, adding and removing shifts, the staff member's alerts. */
export const rosterPages = new Hono<AppEnv>()
  .use('*', requireStaff(['team_member', 'supervisor', 'admin']))
  .get('/', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const csrf = c.get('csrfToken');
    const now = services.clock();
    const dayStart = new Date(Date.parse(`${shanghaiDate(now)}T00:00:00+08:00`));
    const [teams, shifts, people, alerts] = await Promise.all([
      teamsInArea(services, staff),
      listShifts(services, staff, dayStart, new Date(dayStart.getTime() + WINDOW_DAYS * DAY_MS)),
      rosterCandidates(services, staff),
      alertsFor(services, staff),
    ]);
    return c.html(
      <Page title="值班表" staff={staff} csrfToken={csrf} current="/staff/roster" flash={flashOf((k) => c.req.query(k))} scripts={alertsScript}>
        <AlertsBanner alerts={alerts} csrfToken={csrf} back="/staff/roster" />
        <section class="card" aria-labelledby="now-h">
          <h2 id="now-h">现在值班（{shTime(now)}）</h2>
          <p class="muted">P1紧急申请会提醒本队正在值班的队员；本队无人值班时提醒上级服务队值班人员，再没有则提醒督办人员。</p>
          <OnDutyNow teams={teams} shifts={shifts} now={now} />
        </section>
        <section class="card" aria-labelledby="week-h">
          <h2 id="week-h">今天和未来7天的排班</h2>
          <ShiftTable shifts={shifts} staff={staff} csrf={csrf} />
        </section>
        <section aria-labelledby="add-h">
          <h2 id="add-h">{managesRoster(staff) ? '添加班次' : '安排我的值班'}</h2>
          {teams.length ? <AddShiftForm teams={teams} people={people} staff={staff} csrf={csrf} now={now} /> : <p class="muted">您的辖区没有服务队。</p>}
        </section>
      </Page>,
    );
  })
  .post('/shifts', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const form = await c.req.parseBody();
    const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const flash = await withFlash(async () => {
      const shift = await addShift(
        services,
        staff,
        { teamId: text('teamId'), staffId: text('staffId') || staff.id, startsAt: parseLocal(form.startsAt), endsAt: parseLocal(form.endsAt) },
        clientIp(c),
      );
      return `已添加 ${shift.staffName} ${shTime(shift.startsAt)} 至 ${shTime(shift.endsAt)} 的班次`;
    });
    return c.redirect(`/staff/roster?${flash}`, 303);
  })
  .post('/shifts/:id/delete', async (c) => {
    const services = c.get('services');
    const flash = await withFlash(async () => {
      await removeShift(services, c.get('staff'), c.req.param('id'), clientIp(c));
      return '已删除班次';
    });
    return c.redirect(`/staff/roster?${flash}`, 303);
  })
  .get('/alerts', async (c) => {
    const services = c.get('services');
    const staff = c.get('staff');
    const back = c.req.query('back');
    return c.html(<AlertsBanner alerts={await alertsFor(services, staff)} csrfToken={c.get('csrfToken')} back={back?.startsWith('/staff/') ? back : '/staff/roster'} />);
  })
  .post('/alerts/read', async (c) => {
    const services = c.get('services');
    const form = await c.req.parseBody();
    const ids = typeof form.ids === 'string' && form.ids ? form.ids.split(',').map(Number).filter(Number.isSafeInteger) : undefined;
    await markAlertsRead(services.database.db, c.get('staff').id, services.clock(), ids);
    const back = typeof form.back === 'string' && form.back.startsWith('/staff/') && !form.back.startsWith('//') ? form.back : '/staff/roster';
    return c.redirect(back, 303);
  });
