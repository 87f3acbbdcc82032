import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../server/src/db/client';
import { dutyShifts, staffAlerts } from '../../server/src/db/schema';
import { markAlertsRead, unreadAlerts, writeAlerts } from '../../server/src/roster/alerts';
import { onDutyFor } from '../../server/src/roster/service';
import { parseLocal } from '../../server/src/web/roster-page';
import { createTestContext, FIXED_NOW, type TestContext } from '../support/services';
import { createStaff, postForm, staffLogin, type StaffLogin } from '../support/staff';

const HOUR = 3600_000;
let t: TestContext;
let now = FIXED_NOW;
let member: StaffLogin;
let other: StaffLogin;
let supervisor: StaffLogin;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestContext({ clock: () => now });
  const db = t.database.db;
  await createStaff(db, { username: 'xz-a', displayName: '小寨队员 甲', role: 'team_member', areaCode: '610113004', teamId: 'team-610113004' });
  await createStaff(db, { username: 'xz-b', displayName: '小寨队员 乙', role: 'team_member', areaCode: '610113004', teamId: 'team-610113004' });
  await createStaff(db, { username: 'lt-team', displayName: '蓝田队员 丁', role: 'team_member', areaCode: '610122', teamId: 'team-610122' });
  ids = Object.fromEntries((await db.query.staffUsers.findMany()).map((s) => [s.username, s.id]));
  member = await staffLogin(t.app, 'xz-a');
  other = await staffLogin(t.app, 'xz-b');
  supervisor = await staffLogin(t.app, 'yt-supervisor');
});
afterAll(() => t.close());

const page = async (login: StaffLogin, path = '/staff/roster') => {
  const res = await t.app.request(path, { headers: { cookie: login.cookie } });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
};
/** Shanghai wall-clock `datetime-local` value `h` hours after now. */
const local = (h: number) => new Date(now.getTime() + h * HOUR + 8 * HOUR).toISOString().slice(0, 16);
const shiftsOf = (username: string) => t.database.db.select().from(dutyShifts).where(eq(dutyShifts.staffId, ids[username]!));
const flash = (res: Response) => decodeURIComponent(res.headers.get('location') ?? '');

describe('roster page access', () => {
  it('opens for team members, supervisors and admins, and refuses auditors, operators and reviewers', async () => {
    for (const u of ['yt-team', 'yt-supervisor', 'yt-admin']) expect((await page(await staffLogin(t.app, u))).status).toBe(200);
    for (const u of ['yt-auditor', 'yt-operator', 'yt-reviewer']) expect((await page(await staffLogin(t.app, u))).status).toBe(403);
    const anonymous = await t.app.request('/staff/roster');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toContain('/staff/login');
  });
});

describe('adding and removing shifts', () => {
  it('refuses a post without the CSRF token and stores nothing', async () => {
    const res = await postForm(t.app, '/staff/roster/shifts', supervisor, { teamId: 'team-610113004', staffId: ids['xz-a']!, startsAt: local(-1), endsAt: local(3) }, false);
    expect(res.status).toBe(403);
    expect(await shiftsOf('xz-a')).toHaveLength(0);
  });

  it('lets a supervisor add a shift, shown on the page with who is on duty now, and audited', async () => {
    const res = await postForm(t.app, '/staff/roster/shifts', supervisor, { teamId: 'team-610113004', staffId: ids['xz-a']!, startsAt: local(-1), endsAt: local(3) });
    expect(res.status).toBe(303);
    expect(flash(res)).toContain('已添加');
    const [shift] = await shiftsOf('xz-a');
    expect(shift).toMatchObject({ teamId: 'team-610113004', startsAt: new Date(now.getTime() - HOUR), endsAt: new Date(now.getTime() + 3 * HOUR) });
    const html = (await page(supervisor)).text;
    expect(html).toContain('现在值班');
    expect(html).toMatch(/<tr data-team="team-610113004"><td>[^<]+<\/td><td>小寨队员 甲<\/td>/);
    expect(html).toContain(`data-shift="${shift!.id}"`);
    const audit = await selectRows(t.database.db, sql`select * from audit_log where action = 'roster.add_shift' and subject_id = ${shift!.id}`);
    expect(audit).toHaveLength(1);
  });

  it('lets a team member add their own shift but not another member’s, nor remove it', async () => {
    const own = await postForm(t.app, '/staff/roster/shifts', member, { teamId: 'team-610113004', staffId: ids['xz-a']!, startsAt: local(24), endsAt: local(32) });
    expect(flash(own)).toContain('ok=');
    expect(await shiftsOf('xz-a')).toHaveLength(2);
    const forOther = await postForm(t.app, '/staff/roster/shifts', member, { teamId: 'team-610113004', staffId: ids['xz-b']!, startsAt: local(24), endsAt: local(32) });
    expect(flash(forOther)).toContain('队员只能安排自己的值班');
    expect(await shiftsOf('xz-b')).toHaveLength(0);

    await postForm(t.app, '/staff/roster/shifts', other, { teamId: 'team-610113004', startsAt: local(40), endsAt: local(48) });
    const [theirs] = await shiftsOf('xz-b');
    expect(theirs).toBeDefined();
    const removeTheirs = await postForm(t.app, `/staff/roster/shifts/${theirs!.id}/delete`, member, {});
    expect(flash(removeTheirs)).toContain('error=');
    expect(await shiftsOf('xz-b')).toHaveLength(1);
    const bySupervisor = await postForm(t.app, `/staff/roster/shifts/${theirs!.id}/delete`, supervisor, {});
    expect(flash(bySupervisor)).toContain('已删除');
    expect(await shiftsOf('xz-b')).toHaveLength(0);
  });

  it('refuses bad times, overlaps, teams outside the area and people who do not cover the team', async () => {
    const post = (fields: Record<string, string>) => postForm(t.app, '/staff/roster/shifts', supervisor, { teamId: 'team-610113004', staffId: ids['xz-b']!, ...fields });
    expect(flash(await post({ startsAt: local(5), endsAt: local(4) }))).toContain('结束时间应晚于开始时间');
    expect(flash(await post({ startsAt: local(5), endsAt: local(30) }))).toContain('最长24小时');
    expect(flash(await post({ startsAt: 'tomorrow', endsAt: local(4) }))).toContain('请填写开始和结束时间');
    expect(flash(await post({ startsAt: local(-10), endsAt: local(-2) }))).toContain('已经过去');
    expect(flash(await post({ teamId: 'team-610122', startsAt: local(1), endsAt: local(4) }))).toContain('本辖区');
    expect(flash(await post({ staffId: ids['lt-team']!, startsAt: local(1), endsAt: local(4) }))).toContain('负责这个辖区');
    expect(flash(await post({ staffId: ids['yt-reviewer']!, startsAt: local(1), endsAt: local(4) }))).toContain('负责这个辖区');
    expect(flash(await post({ teamId: 'team-610113004', staffId: ids['xz-a']!, startsAt: local(0), endsAt: local(2) }))).toContain('已有这名队员的班次');
    expect(await shiftsOf('xz-b')).toHaveLength(0);
  });

  it('reads datetime-local values as Shanghai time', () => {
    expect(parseLocal('2026-11-22T10:00').toISOString()).toBe('2026-11-22T02:00:00.000Z');
    expect(Number.isNaN(parseLocal('2026-11-22 10:00').getTime())).toBe(true);
  });
});

describe('who is on duty', () => {
  it('falls back from the team to the county team on duty, then to the area supervisors, then admins', async () => {
    now = new Date(FIXED_NOW.getTime() + 10 * 24 * HOUR);
    const own = await onDutyFor(t, 'team-610113004', now);
    expect(own).toMatchObject({ source: 'supervisors', team: null });
    expect(own.staff.map((s) => s.id)).toEqual([ids['yt-supervisor']]);

    await t.database.db.insert(dutyShifts).values({ teamId: 'team-610113', staffId: ids['yt-team']!, startsAt: new Date(now.getTime() - HOUR), endsAt: new Date(now.getTime() + HOUR) });
    const parent = await onDutyFor(t, 'team-610113004', now);
    expect(parent).toMatchObject({ source: 'parent', team: { id: 'team-610113' } });
    expect(parent.staff.map((s) => s.id)).toEqual([ids['yt-team']]);

    await t.database.db.insert(dutyShifts).values({ teamId: 'team-610113004', staffId: ids['xz-b']!, startsAt: new Date(now.getTime() - HOUR), endsAt: now });
    expect((await onDutyFor(t, 'team-610113004', now)).source).toBe('parent'); // a shift ending now is over
    await t.database.db.insert(dutyShifts).values({ teamId: 'team-610113004', staffId: ids['xz-b']!, startsAt: now, endsAt: new Date(now.getTime() + HOUR) });
    const team = await onDutyFor(t, 'team-610113004', now);
    expect(team).toMatchObject({ source: 'team', team: { id: 'team-610113004' } });
    expect(team.staff.map((s) => s.id)).toEqual([ids['xz-b']]);

    expect((await onDutyFor(t, 'team-610122', now)).staff).toEqual([]);
    const admin = await createStaff(t.database.db, { username: 'lt-admin', role: 'admin', areaCode: '610122' });
    expect((await onDutyFor(t, 'team-610122', now)).staff.map((s) => s.id)).toEqual([admin.id]);
    now = FIXED_NOW;
  });
});

describe('alerts', () => {
  it('shows the staff member their unread alerts and marks them read only with the CSRF token', async () => {
    const db = t.database.db;
    await writeAlerts(db, [{ staffId: ids['xz-a']!, caseId: null, kind: 'p1_case', message: 'P1紧急申请 测试 等待接单，请立即处理', dedupeKey: 'test:alert:1' }], now);
    // The same dedupe key again stores nothing.
    expect(await writeAlerts(db, [{ staffId: ids['xz-a']!, caseId: null, kind: 'p1_case', message: '重复', dedupeKey: 'test:alert:1' }], now)).toHaveLength(0);
    expect((await page(member)).text).toContain('P1紧急申请 测试 等待接单');
    expect((await page(member, '/staff/roster/alerts')).text).toContain('您有 1 条未读提醒');
    expect((await page(other)).text).not.toContain('P1紧急申请 测试');

    expect((await postForm(t.app, '/staff/roster/alerts/read', member, { back: '/staff/queue' }, false)).status).toBe(403);
    expect(await unreadAlerts(db, ids['xz-a']!)).toHaveLength(1);
    const read = await postForm(t.app, '/staff/roster/alerts/read', member, { back: '/staff/queue' });
    expect(read.status).toBe(303);
    expect(read.headers.get('location')).toBe('/staff/queue');
    expect(await unreadAlerts(db, ids['xz-a']!)).toHaveLength(0);
    expect((await page(member)).text).not.toContain('未读提醒');
    expect(await markAlertsRead(db, ids['xz-a']!, now)).toBe(0);
    const [row] = await db.select().from(staffAlerts).where(and(eq(staffAlerts.dedupeKey, 'test:alert:1')));
    expect(row!.readAt).toEqual(now);
  });
});
