import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseByTrackingNo, type CaseRow } from '../../server/src/cases/repo';
import { DEMO_PASSWORD } from '../../server/src/db/seed';
import { staffUsers } from '../../server/src/db/schema';
import { staffById, type StaffUser } from '../../server/src/staff/auth';
import { performStaffAction, type ActionInput } from '../../server/src/staff/case-work';
import type { CaseAction } from '../../shared/src/cases/state-machine';
import { shanghaiDate } from '../../shared/src/dates';
import { maskIdNumber } from '../../shared/src/id/mask';
import { application, idWithCheck, loginResident, submit } from '../support/residents';
import { call, createTestContext, FIXED_NOW, type TestContext } from '../support/services';

let now = FIXED_NOW;
let t: TestContext;
let member: StaffUser;
let reviewer: StaffUser;
/** 蓝田县 staff, for a case of another county (they never log in: no real password hash). */
let ltMember: StaffUser;
let ltReviewer: StaffUser;
let seq = 0;

interface Filed {
  row: CaseRow;
  name: string;
  idNumber: string;
  phone: string;
}
const c: Record<string, Filed> = {};
const ADDRESS = '雁塔路88号3单元502室';
const DESCRIPTION = '厨房起火烧毁了家具和被褥，需要临时住处';

async function file(when: Date, regionCode: string, name: string): Promise<Filed> {
  now = when;
  seq++;
  const idNumber = idWithCheck(`61011319750203${String(seq).padStart(3, '0')}`);
  const phone = `1390013${7000 + seq}`;
  const token = await loginResident(t.app, 'notice-resident');
  const body = application({
    applicant: { name, idNumber, phone },
    regionCode,
    address: ADDRESS,
    hardship: { ...application().hardship, occurredOn: shanghaiDate(when), description: DESCRIPTION },
  });
  const res = await submit(t.app, token, `key-notice-${seq}`, body);
  expect(res.status).toBe(201);
  return { row: (await findCaseByTrackingNo(t.database.db, res.json.trackingNo))!, name, idNumber, phone };
}

/** Drives a case through the given steps, a minute apart from `when`. */
async function drive(f: Filed, when: Date, steps: Array<[CaseAction, 'member' | 'reviewer', ActionInput?]>) {
  const local = f.row.regionCode.startsWith('610122');
  for (const [i, [action, who, input]] of steps.entries()) {
    now = new Date(when.getTime() + i * 60_000);
    const staff = who === 'member' ? (local ? ltMember : member) : local ? ltReviewer : reviewer;
    await performStaffAction(t, staff, f.row.trackingNo, action, input ?? {}, '127.0.0.1');
  }
}
const toReview: Array<[CaseAction, 'member' | 'reviewer', ActionInput?]> = [
  ['claim', 'member'], ['contact', 'member'], ['visit', 'member', { note: '已入户核实' }], ['send_for_review', 'member'],
];

async function staffLogin(username: string) {
  const res = await call(t.app, 'POST', '/api/v1/staff/login', { username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
const get = (path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} });
const NOTICE = '/notice?area=610113&from=2026-11-20&to=2026-11-30';

beforeAll(async () => {
  t = await createTestContext({ clock: () => now });
  const users = await t.database.db.select().from(staffUsers);
  member = (await staffById(t.database.db, users.find((u) => u.username === 'yt-team')!.id))!;
  reviewer = (await staffById(t.database.db, users.find((u) => u.username === 'yt-reviewer')!.id))!;
  const inserted = await t.database.db
    .insert(staffUsers)
    .values([
      { username: 'lt-team', displayName: '蓝田队员', role: 'team_member' as const, areaCode: '610122', teamId: 'team-610122', passwordHash: 'x' },
      { username: 'lt-reviewer', displayName: '蓝田审核员', role: 'reviewer' as const, areaCode: '610122', passwordHash: 'x' },
    ])
    .returning({ id: staffUsers.id });
  ltMember = (await staffById(t.database.db, inserted[0]!.id))!;
  ltReviewer = (await staffById(t.database.db, inserted[1]!.id))!;
  const day = FIXED_NOW;
  c.approved = await file(day, '610113004', '张小明');
  await drive(c.approved, day, [...toReview, ['approve', 'reviewer', { amount: 2500 }]]);
  c.paid = await file(day, '610113002', '李大伟');
  await drive(c.paid, day, [...toReview, ['approve', 'reviewer', { amount: 3000 }], ['pay', 'reviewer', { amount: 3000 }]]);
  c.closed = await file(day, '610113005', '欧阳春花');
  await drive(c.closed, day, [...toReview, ['approve', 'reviewer', { amount: 1800 }], ['pay', 'reviewer'], ['close', 'reviewer']]);
  c.review = await file(day, '610113004', '王秀英');
  await drive(c.review, day, toReview);
  c.rejected = await file(day, '610113004', '赵铁柱');
  await drive(c.rejected, day, [...toReview, ['reject', 'reviewer', { note: '家庭收入高于当地标准' }]]);
  c.otherCounty = await file(day, '610122001', '孙晓燕');
  await drive(c.otherCounty, day, [...toReview, ['approve', 'reviewer', { amount: 2000 }]]);
  const earlier = new Date('2026-11-03T02:00:00Z');
  c.earlier = await file(earlier, '610113004', '周一鸣');
  await drive(c.earlier, earlier, [...toReview, ['approve', 'reviewer', { amount: 1000 }], ['pay', 'reviewer']]);
  // Under review with an older deadline than c.review: listed first on the review page.
  c.oldReview = await file(new Date('2026-11-10T02:00:00Z'), '610113003', '吴子墨');
  await drive(c.oldReview, new Date('2026-11-10T03:00:00Z'), toReview);
  now = FIXED_NOW;
});
afterAll(() => t.close());

const leaks = (text: string) => {
  for (const f of Object.values(c)) {
    expect(text).not.toContain(f.name);
    expect(text).not.toContain(f.idNumber);
    expect(text).not.toContain(f.phone);
    expect(text).not.toContain(f.row.trackingNo);
  }
  expect(text).not.toContain(ADDRESS);
  expect(text).not.toContain(DESCRIPTION);
  expect(text).not.toContain('火灾'); // the kind of hardship can reveal health facts: never shown
};

describe('GET /notice (public, no login)', () => {
  it('lists approved, paid and closed-after-payment cases of the area in the period, masked', async () => {
    const res = await get(NOTICE);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    for (const [name, f, township, amount, status] of [
      ['张*明', c.approved!, '小寨路街道', '2500', '已批准'],
      ['李*伟', c.paid!, '曲江街街道', '3000', '已发放'],
      ['欧**花', c.closed!, '长延堡街道', '1800', '已发放'],
    ] as const) {
      const row = html.match(new RegExp(`<tr><td>${name.replaceAll('*', '\\*')}</td>.*?</tr>`))?.[0];
      expect(row, name).toBeDefined();
      expect(row).toContain(`<td>${maskIdNumber(f.idNumber)}</td>`);
      expect(row).toContain(`<td>${township}</td>`);
      expect(row).toContain(`<td>${amount}</td>`);
      expect(row).toContain('<td>2026-11-22</td>');
      expect(row).toContain(status);
    }
    expect(maskIdNumber(c.approved!.idNumber)).toMatch(/^6101\*{10}\d{3}[\dX]$/);
    expect(html).toContain('共 3 件，合计 7300 元');
    for (const hidden of ['王*英', '赵*柱', '孙*燕', '周*鸣', '吴*墨']) expect(html).not.toContain(hidden);
    leaks(html);
  });

  it('gives the same list as JSON with nothing else personal', async () => {
    const res = await get(`${NOTICE}&format=json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ area: { code: '610113', name: '雁塔区' }, from: '2026-11-20', to: '2026-11-30', count: 3, totalAmount: 7300, truncated: false });
    expect(body.items.find((i: { name: string }) => i.name === '张*明')).toEqual({ name: '张*明', idNumber: maskIdNumber(c.approved!.idNumber), township: '小寨路街道', amount: 2500, approvedOn: '2026-11-22', status: '已批准' });
    for (const item of body.items) expect(Object.keys(item).sort()).toEqual(['amount', 'approvedOn', 'idNumber', 'name', 'status', 'township']);
    leaks(text);
  });

  it('lists a township alone, another county separately, and earlier periods on request', async () => {
    expect((await (await get('/notice?area=610113004&from=2026-11-20&to=2026-11-30&format=json')).json()).items.map((i: { name: string }) => i.name)).toEqual(['张*明']);
    expect((await (await get('/notice?area=610122&from=2026-11-20&to=2026-11-30&format=json')).json()).items.map((i: { name: string }) => i.name)).toEqual(['孙*燕']);
    const earlier = await (await get('/notice?area=610113&from=2026-11-01&to=2026-11-10&format=json')).json();
    expect(earlier.items).toEqual([expect.objectContaining({ name: '周*鸣', approvedOn: '2026-11-03', status: '已发放' })]);
  });

  it('asks for an area when none is given, and refuses unknown areas and bad dates', async () => {
    const blank = await get('/notice');
    expect(blank.status).toBe(200);
    expect(await blank.text()).toContain('请选择地区');
    expect((await get('/notice?format=json')).status).toBe(422);
    const unknown = await get('/notice?area=123456&format=json');
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).code).toBe('REGION_UNKNOWN');
    expect((await get('/notice?area=610113&from=2026-02-30')).status).toBe(422);
  });
});

describe('GET /staff/review', () => {
  it('lists cases under review and approved awaiting payment of the area, oldest deadline first, masked', async () => {
    const res = await get('/staff/review', await staffLogin('yt-reviewer'));
    expect(res.status).toBe(200);
    const html = await res.text();
    const cut = html.indexOf('aria-label="已批准，待发放"');
    const [pending, toPay] = [html.slice(0, cut), html.slice(cut)];
    const order = [...pending!.matchAll(/data-tracking="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([c.oldReview!.row.trackingNo, c.review!.row.trackingNo]);
    expect([...toPay!.matchAll(/data-tracking="([^"]+)"/g)].map((m) => m[1])).toEqual([c.approved!.row.trackingNo]);
    expect(html).toContain(`href="/staff/cases/${c.review!.row.trackingNo}"`);
    expect(html).toContain('王*英');
    expect(html).toContain('批准 2500');
    expect(html).not.toContain('王秀英');
    for (const gone of [c.paid!, c.closed!, c.rejected!, c.otherCounty!]) expect(html).not.toContain(gone.row.trackingNo);
  });

  it('is open to supervisors and refuses team members and operators with 403', async () => {
    expect((await get('/staff/review', await staffLogin('yt-supervisor'))).status).toBe(200);
    expect((await get('/staff/review', await staffLogin('yt-team'))).status).toBe(403);
    expect((await get('/staff/review', await staffLogin('yt-operator'))).status).toBe(403);
    expect((await get('/staff/review')).status).toBe(302);
  });
});
