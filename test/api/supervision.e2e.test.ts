import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseByTrackingNo, type CaseRow } from '../../server/src/cases/repo';
import { DEMO_PASSWORD } from '../../server/src/db/seed';
import { staffUsers } from '../../server/src/db/schema';
import { staffById, type StaffUser } from '../../server/src/staff/auth';
import { performStaffAction, type ActionInput } from '../../server/src/staff/case-work';
import { computeDashboard, deadlineOutcome, percentile } from '../../server/src/supervision/dashboard';
import { parsePeriod } from '../../server/src/supervision/period';
import type { CaseAction } from '../../shared/src/cases/state-machine';
import { shanghaiDate } from '../../shared/src/dates';
import { application, idWithCheck, loginResident, submit } from '../support/residents';
import { call, createTestContext, type TestContext } from '../support/services';

const T0 = new Date('2026-11-21T02:00:00Z'); // 10:00 in Shanghai
const min = (n: number) => n * 60_000;
const at = (base: Date, minutes: number) => new Date(base.getTime() + min(minutes));

let now = T0;
let t: TestContext;
let member: StaffUser;
let reviewer: StaffUser;
const c: Record<string, CaseRow> = {};
let END: Date;
let seq = 0;

/** Files an application as a resident at the instant `when`. */
async function file(when: Date, regionCode: string, name: string): Promise<CaseRow> {
  now = when;
  const token = await loginResident(t.app, 'sup-resident');
  seq++;
  const body = application({
    applicant: { name, idNumber: idWithCheck(`61011319800101${String(seq).padStart(3, '0')}`), phone: `1380013${8000 + seq}` },
    regionCode,
    hardship: { ...application().hardship, occurredOn: shanghaiDate(when) },
  });
  const res = await submit(t.app, token, `key-sup-${seq}`, body);
  expect(res.status).toBe(201);
  return (await findCaseByTrackingNo(t.database.db, res.json.trackingNo))!;
}

/** One staff action at the instant `when`. */
async function act(row: CaseRow, action: CaseAction, who: StaffUser, when: Date, input: ActionInput = {}) {
  now = when;
  await performStaffAction(t, who, row.trackingNo, action, input, '127.0.0.1');
}

async function staffLogin(username: string) {
  const res = await call(t.app, 'POST', '/api/v1/staff/login', { username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
const get = (path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} });
const PERIOD = '?area=610113&from=2026-11-20&to=2026-12-31';

beforeAll(async () => {
  t = await createTestContext({ clock: () => now });
  const users = await t.database.db.select().from(staffUsers);
  member = (await staffById(t.database.db, users.find((u) => u.username === 'yt-team')!.id))!;
  reviewer = (await staffById(t.database.db, users.find((u) => u.username === 'yt-reviewer')!.id))!;
  await t.database.db.insert(staffUsers).values({
    username: 'lt-supervisor', displayName: '蓝田督办员', role: 'supervisor', areaCode: '610122', passwordHash: await hash(DEMO_PASSWORD, { algorithm: 2 }),
  });

  // A: contacted after 30 min (met), pre-rescue 1000, approved 3000 in time and paid.
  c.A = await file(T0, '610113004', '甲一明');
  await act(c.A, 'claim', member, at(T0, 5));
  await act(c.A, 'contact', member, at(T0, 30));
  await act(c.A, 'visit', member, at(T0, 60), { note: '已入户核实' });
  await act(c.A, 'pay_pre_rescue', member, at(T0, 70), { amount: 1000 });
  await act(c.A, 'send_for_review', member, at(T0, 80));
  await act(c.A, 'approve', reviewer, at(T0, 2 * 24 * 60), { amount: 3000 });
  await act(c.A, 'pay', reviewer, at(T0, 2 * 24 * 60 + 30), { amount: 3000 });
  // B: contacted after 90 min (missed, the P1 limit is an hour), rejected in time.
  c.B = await file(at(T0, 60), '610113002', '乙二明');
  await act(c.B, 'claim', member, at(T0, 70));
  await act(c.B, 'contact', member, at(T0, 150));
  await act(c.B, 'visit', member, at(T0, 160), { note: '已入户核实' });
  await act(c.B, 'send_for_review', member, at(T0, 170));
  await act(c.B, 'reject', reviewer, at(T0, 3 * 24 * 60), { note: '家庭收入高于当地标准' });
  // C: contacted after 10 min (met), pre-rescue 500, approved 2000 an hour after the decision deadline, not paid.
  c.C = await file(at(T0, 120), '610113004', '丙三明');
  await act(c.C, 'claim', member, at(T0, 125));
  await act(c.C, 'contact', member, at(T0, 130));
  await act(c.C, 'visit', member, at(T0, 140), { note: '已入户核实' });
  await act(c.C, 'pay_pre_rescue', member, at(T0, 150), { amount: 500 });
  await act(c.C, 'send_for_review', member, at(T0, 160));
  await act(c.C, 'approve', reviewer, at(c.C.decisionDue, 60), { amount: 2000 });
  // D: never contacted, still open past both deadlines.
  c.D = await file(at(T0, 180), '610113005', '丁四明');
  // H: withdrawn by the resident ten minutes after filing, before any deadline.
  c.H = await file(at(T0, 300), '610113004', '庚八明');
  now = at(T0, 310);
  const token = await loginResident(t.app, 'sup-resident');
  expect((await call(t.app, 'POST', `/api/v1/cases/${c.H.trackingNo}/withdraw`, {}, { authorization: `Bearer ${token}` })).status).toBe(200);
  // Outside the figures: filed before the period (F) and in another county (G).
  c.F = await file(new Date('2026-11-10T02:00:00Z'), '610113004', '己六明');
  await act(c.F, 'claim', member, new Date('2026-11-10T02:05:00Z'));
  await act(c.F, 'contact', member, new Date('2026-11-10T02:06:00Z'));
  c.G = await file(at(T0, 240), '610122001', '戊五明');
  // The dashboard is read two hours after the last decision deadline; E was filed 10 minutes before.
  END = at(new Date(Math.max(...Object.values(c).map((r) => r.decisionDue.getTime()))), 120);
  c.E = await file(at(END, -10), '610113004', '戊九明');
  now = END;
});
afterAll(() => t.close());

describe('dashboard figures', () => {
  it('gives P1 cases an hour for first contact (the figures below rely on it)', () => {
    for (const r of Object.values(c)) {
      expect(r.priority).toBe('P1');
      expect(r.firstContactDue.getTime() - r.createdAt.getTime()).toBe(min(60));
    }
  });

  it('counts cases by status and priority, deadlines met and missed, minutes to first contact and money paid', async () => {
    const d = await computeDashboard(t, (await t.regions.get('610113'))!, parsePeriod('2026-11-20', shanghaiDate(END), END));
    const m = d.totals;
    expect(m.cases).toBe(6); // A B C D E H; not F (before the period) nor G (another county)
    expect(Object.fromEntries(Object.entries(m.byStatus).filter(([, n]) => n > 0))).toEqual({ paid: 1, rejected: 1, approved: 1, assigned: 2, withdrawn: 1 });
    expect(m.byPriority).toEqual({ P1: 6, P2: 0, P3: 0 });
    expect(m.firstContact).toEqual({ met: 2, missed: 2, pending: 1, na: 1 }); // A C | B D | E | H
    expect(m.decision).toEqual({ met: 2, missed: 2, pending: 1, na: 1 }); // A B | C D | E | H
    // 10, 30, 90 minutes: median 30; 90th percentile 30 + 0.8 × 60 = 78.
    expect(m.minutesToFirstContact).toEqual({ count: 3, median: 30, p90: 78 });
    expect(m.money).toEqual({ preRescue: 1500, approvedPaid: 3000, total: 4500 });
    expect(d.rows.map((r) => [r.code, r.metrics.cases])).toEqual([['610113002', 1], ['610113004', 4], ['610113005', 1]]);
    const xz = d.rows.find((r) => r.code === '610113004')!.metrics;
    expect(xz.minutesToFirstContact).toEqual({ count: 2, median: 20, p90: 28 });
    expect(xz.money.total).toBe(4500);
  });

  it('computes percentiles like percentile_cont and classifies deadlines', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    const due = new Date('2026-11-22T03:00:00Z');
    const later = new Date('2026-11-23T00:00:00Z');
    const before = new Date('2026-11-22T02:59:00Z');
    // done at, open, last change, now → outcome
    const table: Array<[Date | null, boolean, Date, Date, string]> = [
      [due, true, due, later, 'met'],
      [new Date('2026-11-22T03:00:01Z'), false, later, later, 'missed'],
      [null, true, before, later, 'missed'],
      [null, true, before, before, 'pending'],
      [null, false, before, later, 'na'],
      [null, false, later, later, 'missed'],
    ];
    for (const [done, open, last, now, expected] of table) expect(deadlineOutcome(due, done, open, last, now)).toBe(expected);
  });
});

describe('GET /staff/dashboard', () => {
  it('shows the figures as text and as accessible SVG bar charts to a supervisor', async () => {
    const cookie = await staffLogin('yt-supervisor');
    const res = await get(`/staff/dashboard${PERIOD}`, cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-first-contact-title chart-first-contact-desc"/);
    expect(html).toContain('<title id="chart-first-contact-title">首次联系期限</title>');
    expect(html).toContain('<desc id="chart-first-contact-desc">按时 2件，超时 2件，未到期 1件</desc>');
    expect(html).toMatch(/data-metric="cases">6 件/);
    expect(html).toContain('中位数 30 分钟');
    expect(html).toContain('78 分钟');
    expect(html).toMatch(/data-metric="money">4,500 元/);
    expect(html).toContain('小寨路街道');
    // Masked or not, nobody's name belongs on the dashboard.
    expect(html).not.toContain('甲一明');
    expect(html).not.toContain('甲*明');
  });

  it('narrows to a township inside the area', async () => {
    const cookie = await staffLogin('yt-supervisor');
    const html = await (await get('/staff/dashboard?area=610113004&from=2026-11-20&to=2026-12-31', cookie)).text();
    expect(html).toMatch(/data-metric="cases">4 件/);
    expect(html).toContain('中位数 20 分钟');
  });

  it('exports CSV with a BOM, one row per township and a total row', async () => {
    const cookie = await staffLogin('yt-admin');
    const res = await get(`/staff/dashboard/export.csv${PERIOD}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('erescue-dashboard-610113-2026-11-20-2026-12-31.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const [header, ...rows] = text.trimEnd().split('\r\n').map((l) => l.split(','));
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[0])).toEqual(['610113002', '610113004', '610113005', '610113']);
    const total = rows.at(-1)!;
    expect(total[1]).toBe('合计（雁塔区）');
    expect(total[col('申请数')]).toBe('6');
    expect(total[col('首次联系按时')]).toBe('2');
    expect(total[col('首次联系超时')]).toBe('2');
    expect(total[col('决定超时')]).toBe('2');
    expect(total[col('首次联系用时中位数(分钟)')]).toBe('30');
    expect(total[col('首次联系用时90分位(分钟)')]).toBe('78');
    expect(total[col('发放合计(元)')]).toBe('4500');
    expect(total[col('状态:已撤回')]).toBe('1');
    expect(rows[0]![col('开始日期')]).toBe('2026-11-20');
  });

  it('lets an auditor read it, refuses a team member and a reviewer with 403, and sends strangers to the login page', async () => {
    expect((await get(`/staff/dashboard${PERIOD}`, await staffLogin('yt-auditor'))).status).toBe(200);
    expect((await get(`/staff/dashboard${PERIOD}`, await staffLogin('yt-team'))).status).toBe(403);
    expect((await get(`/staff/dashboard/export.csv${PERIOD}`, await staffLogin('yt-reviewer'))).status).toBe(403);
    const anon = await get(`/staff/dashboard${PERIOD}`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toContain('/staff/login');
  });

  it("shows another county's supervisor only their own cases, and refuses this county with 403", async () => {
    const cookie = await staffLogin('lt-supervisor');
    const own = await (await get('/staff/dashboard?from=2026-11-20&to=2026-12-31', cookie)).text();
    expect(own).toMatch(/data-metric="cases">1 件/);
    expect(own).toContain('蓝关街街道');
    expect(own).not.toContain('小寨路街道');
    expect((await get(`/staff/dashboard${PERIOD}`, cookie)).status).toBe(403);
    expect((await get(`/staff/dashboard/export.csv${PERIOD}`, cookie)).status).toBe(403);
  });

  it('explains a bad period on the page and refuses it in the CSV', async () => {
    const cookie = await staffLogin('yt-supervisor');
    const page = await get('/staff/dashboard?area=610113&from=2026-12-31&to=2026-11-01', cookie);
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('开始日期不能晚于结束日期');
    const csv = await get('/staff/dashboard/export.csv?area=610113&from=2026-13-01', cookie);
    expect(csv.status).toBe(422);
    expect((await csv.json()).errors[0].path).toBe('from');
    expect((await get('/staff/dashboard/export.csv?area=999999', cookie)).status).toBe(422);
  });
});
