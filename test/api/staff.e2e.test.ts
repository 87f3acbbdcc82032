import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../server/src/db/client';
import { call, createTestContext, FIXED_NOW, type TestContext } from '../support/services';
import { application, idWithCheck, loginResident, submit } from '../support/residents';
import { createStaff, postForm, staffLogin, type StaffLogin } from '../support/staff';

let t: TestContext;
let now = FIXED_NOW;
let resident: string;
let team: StaffLogin;
let team2: StaffLogin;
let reviewer: StaffLogin;
let n = 0;
beforeAll(async () => {
  t = await createTestContext({ clock: () => now });
  resident = await loginResident(t.app, 'staff-res');
  await createStaff(t.database.db, { username: 'yt-team2', role: 'team_member', areaCode: '610113', teamId: 'team-610113004' });
  await createStaff(t.database.db, { username: 'lt-team', role: 'team_member', areaCode: '610122', teamId: 'team-610122' });
  await createStaff(t.database.db, { username: 'locked-user', role: 'operator', areaCode: '610113' });
  team = await staffLogin(t.app, 'yt-team');
  team2 = await staffLogin(t.app, 'yt-team2');
  reviewer = await staffLogin(t.app, 'yt-reviewer');
});
afterAll(() => t.close());

const newCase = async () => {
  n++;
  const res = await submit(t.app, resident, `staff-case-${n}-xyz`, application({ applicant: { name: '张小明', idNumber: idWithCheck(`6101131980010${100 + n}1`), phone: '13800138000' } }));
  return res.json.trackingNo as string;
};
const act = (login: StaffLogin, no: string, action: string, body: Record<string, unknown> = {}) =>
  call(t.app, 'POST', `/api/v1/staff/cases/${no}/actions/${action}`, body, login.bearer);

describe('staff login', () => {
  it('sets an HttpOnly SameSite session cookie and gives a bearer token', async () => {
    const res = await call(t.app, 'POST', '/api/v1/staff/login', { username: 'yt-operator', password: 'Erescue-demo-2026' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/erescue_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.json.user).toMatchObject({ username: 'yt-operator', role: 'operator', areaCode: '610113' });
    expect(JSON.stringify(res.json)).not.toContain('passwordHash');
  });

  it('answers 401 for a wrong password and an unknown user alike', async () => {
    const wrong = await call(t.app, 'POST', '/api/v1/staff/login', { username: 'yt-admin', password: 'nope' });
    const unknown = await call(t.app, 'POST', '/api/v1/staff/login', { username: 'nobody', password: 'nope' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json.code).toBe(unknown.json.code);
    await call(t.app, 'POST', '/api/v1/staff/login', { username: 'yt-admin', password: 'Erescue-demo-2026' }); // resets
  });

  it('slows repeated failures down and then locks the account', async () => {
    const attempt = (password = 'bad') => call(t.app, 'POST', '/api/v1/staff/login', { username: 'locked-user', password });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const slowed = await attempt('Erescue-demo-2026'); // even the right password waits
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 3; i < 10; i++) {
      now = new Date(now.getTime() + 120_000);
      expect((await attempt()).status).toBe(401);
    }
    now = new Date(now.getTime() + 120_000);
    const locked = await attempt('Erescue-demo-2026');
    expect(locked.status).toBe(429);
    expect(locked.json.detail).toContain('锁定');
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await attempt('Erescue-demo-2026')).status).toBe(200);
    now = FIXED_NOW;
  });
});

describe('team work on a case', () => {
  it('lets exactly one of two members claiming at once win; the other is told who has it', async () => {
    const no = await newCase();
    const [a, b] = await Promise.all([act(team, no, 'claim'), act(team2, no, 'claim')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.json.code).toBe('ALREADY_CLAIMED');
    expect(loser.json.detail).toMatch(/已由.+接手/);
  });

  it('runs claim → contact → visit → pre-rescue within the township limit → review → approve → pay → close', async () => {
    const no = await newCase();
    expect((await act(team, no, 'contact')).status).toBe(403); // not claimed yet
    expect((await act(team, no, 'claim')).status).toBe(200);
    expect((await act(team2, no, 'contact')).status).toBe(403); // someone else's case
    expect((await act(team, no, 'contact', { note: '已电话联系，今天下午上门' })).json.status).toBe('contacted');
    const noFindings = await act(team, no, 'visit');
    expect(noFindings.status).toBe(422);
    expect(noFindings.json.errors[0].path).toBe('note');
    expect((await act(team, no, 'visit', { note: '房屋烧毁，暂住亲戚家' })).json.status).toBe('visiting');
    // 610113 in 2026: township limit 4 × 830 = 3320 yuan.
    const over = await act(team, no, 'pay_pre_rescue', { amount: 3321 });
    expect(over.status).toBe(422);
    expect(over.json.code).toBe('OVER_LIMIT');
    expect(over.json.detail).toContain('3320');
    expect((await act(team, no, 'pay_pre_rescue', { amount: 3320 })).json.status).toBe('pre_rescue_paid');
    expect((await act(team, no, 'send_for_review')).json.status).toBe('under_review');
    expect((await act(team, no, 'approve', { amount: 3000 })).status).toBe(409); // team members do not approve
    expect((await act(reviewer, no, 'approve', { amount: 8301 })).json.code).toBe('OVER_LIMIT'); // cap 10 × 830
    expect((await act(reviewer, no, 'approve', { amount: 5000, note: '同意' })).json.status).toBe('approved');
    expect((await act(reviewer, no, 'pay')).json.status).toBe('paid');
    expect((await act(reviewer, no, 'close')).json.status).toBe('closed');
    const detail = await call(t.app, 'GET', `/api/v1/cases/${no}`, undefined, { authorization: `Bearer ${resident}` });
    expect(detail.json.timeline.map((e: { title: string }) => e.title)).toContain('先行救助金已发放');
  });

  it('escalates to the county team, whose member can then claim the case', async () => {
    const no = await newCase();
    await act(team, no, 'claim');
    const res = await act(team, no, 'escalate', { note: '需要区里协调住处' });
    expect(res.json.status).toBe('escalated');
    const staffView = await call(t.app, 'GET', `/api/v1/staff/cases/${no}`, undefined, team.bearer);
    expect(staffView.json.teamId).toBe('team-610113');
    expect(staffView.json.claimedBy).toBeNull();
    expect((await act(team, no, 'claim')).json.status).toBe('assigned');
  });

  it('transfers to another team, unclaimed', async () => {
    const no = await newCase();
    await act(team, no, 'claim');
    const res = await act(team, no, 'transfer', { teamId: 'team-610113001', note: '申请人已搬到等驾坡' });
    expect(res.json.status).toBe('assigned');
    const view = await call(t.app, 'GET', `/api/v1/staff/cases/${no}`, undefined, team.bearer);
    expect(view.json.teamId).toBe('team-610113001');
  });
});

describe('scope, audit and CSRF', () => {
  it('hides cases of another area: 404 on the case and absent from lists', async () => {
    const no = await newCase();
    const other = await staffLogin(t.app, 'lt-team');
    expect((await call(t.app, 'GET', `/api/v1/staff/cases/${no}`, undefined, other.bearer)).status).toBe(404);
    expect((await act(other, no, 'claim')).status).toBe(404);
    const list = await call(t.app, 'GET', '/api/v1/staff/cases', undefined, other.bearer);
    expect(list.json.items.some((c: { trackingNo: string }) => c.trackingNo === no)).toBe(false);
  });

  it('masks personal data in lists and records every view of the whole case', async () => {
    const no = await newCase();
    const list = await call(t.app, 'GET', '/api/v1/staff/cases', undefined, team.bearer);
    const item = list.json.items.find((c: { trackingNo: string }) => c.trackingNo === no);
    expect(item).toMatchObject({ applicantName: '张*明', applicantPhone: '138****8000' });
    const detail = await call(t.app, 'GET', `/api/v1/staff/cases/${no}`, undefined, team.bearer);
    expect(detail.json.personal.phone).toBe('13800138000');
    const audits = await selectRows<{ action: string; actor_name: string }>(t.database.db, sql`select action, actor_name from audit_log where detail->>'trackingNo' = ${no}`);
    expect(audits).toContainEqual({ action: 'case.view_personal', actor_name: '快速响应队员 李强' });
  });

  it('refuses a console form post without the CSRF token, and accepts it with the token', async () => {
    const no = await newCase();
    const refused = await postForm(t.app, `/staff/cases/${no}/actions/claim`, team, {}, false);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('CSRF_REJECTED');
    const wrong = await postForm(t.app, `/staff/cases/${no}/actions/claim`, team, { _csrf: 'forged' }, false);
    expect(wrong.status).toBe(403);
    const ok = await postForm(t.app, `/staff/cases/${no}/actions/claim`, team, { back: '/staff/queue' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toContain('/staff/queue?ok=');
  });

  it('sends pages to the login form without a session, and the API answers 401', async () => {
    const page = await t.app.request('/staff/queue');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/staff/login?next=%2Fstaff%2Fqueue');
    expect((await call(t.app, 'GET', '/api/v1/staff/cases')).status).toBe(401);
    expect((await call(t.app, 'GET', '/api/v1/staff/cases', undefined, { authorization: `Bearer ${resident}` })).status).toBe(401);
  });
});
