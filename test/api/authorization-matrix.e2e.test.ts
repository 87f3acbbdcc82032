import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../server/src/db/schema';
import { call, createTestContext, type TestContext } from '../support/services';
import { application, loginResident, submit } from '../support/residents';
import { createStaff, staffLogin, type StaffLogin } from '../support/staff';

const roles: StaffRole[] = ['operator', 'team_member', 'reviewer', 'supervisor', 'admin', 'auditor'];
const demoUser: Record<StaffRole, string> = {
  operator: 'yt-operator', team_member: 'yt-team', reviewer: 'yt-reviewer', supervisor: 'yt-supervisor', admin: 'yt-admin', auditor: 'yt-auditor',
};

/** Who may open each console page (everyone else: 403). */
const pages: Array<[string, StaffRole[]]> = [
  ['/staff/queue', ['team_member', 'supervisor']],
  ['/staff/desk', ['operator', 'supervisor']],
  ['/staff/review', ['reviewer', 'supervisor']],
  ['/staff/dashboard', ['supervisor', 'admin', 'auditor']],
  ['/staff/audit', ['auditor', 'admin']],
  ['/staff/roster', ['team_member', 'supervisor', 'admin']],
  ['/staff/admin/parameters', ['admin']],
];
const CASE_ROLES: StaffRole[] = ['operator', 'team_member', 'reviewer', 'supervisor'];

let t: TestContext;
let resident: string;
let trackingNo: string;
const own: Partial<Record<StaffRole, StaffLogin>> = {};
const other: Partial<Record<StaffRole, StaffLogin>> = {};

beforeAll(async () => {
  t = await createTestContext();
  resident = await loginResident(t.app, 'matrix-res');
  trackingNo = (await submit(t.app, resident, 'matrix-key-0001', application())).json.trackingNo;
  for (const role of roles) {
    own[role] = await staffLogin(t.app, demoUser[role]);
    await createStaff(t.database.db, { username: `lt-${role}`, role, areaCode: '610122', teamId: role === 'team_member' ? 'team-610122' : null });
    other[role] = await staffLogin(t.app, `lt-${role}`);
  }
}, 120_000);
afterAll(() => t.close());

const page = (path: string, login?: StaffLogin) => t.app.request(path, { headers: login ? { cookie: login.cookie } : {} });

describe('authorisation matrix: every role × every staff endpoint × own area / other area', () => {
  describe.each(pages)('page %s', (path, allowed) => {
    it.each(roles)('%s', async (role) => {
      const res = await page(path, own[role]);
      expect(res.status, `${role} ${path}`).toBe(allowed.includes(role) ? 200 : 403);
    });
    it('no session: redirected to login', async () => {
      const res = await page(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toContain('/staff/login');
    });
  });

  describe.each(roles)('%s', (role) => {
    const mayWork = CASE_ROLES.includes(role);
    it(`the case page: ${mayWork ? '200 in its own area, 404 in another' : '403'}`, async () => {
      expect((await page(`/staff/cases/${trackingNo}`, own[role])).status).toBe(mayWork ? 200 : 403);
      expect((await page(`/staff/cases/${trackingNo}`, other[role])).status).toBe(mayWork ? 404 : 403);
    });
    it(`the staff case API: ${mayWork ? 'listed and readable in its own area only' : '403'}`, async () => {
      const list = await call(t.app, 'GET', '/api/v1/staff/cases', undefined, own[role]!.bearer);
      const otherList = await call(t.app, 'GET', '/api/v1/staff/cases', undefined, other[role]!.bearer);
      if (!mayWork) {
        expect([list.status, otherList.status]).toEqual([403, 403]);
        return;
      }
      expect(list.json.items.map((i: { trackingNo: string }) => i.trackingNo)).toContain(trackingNo);
      expect(otherList.json.items.map((i: { trackingNo: string }) => i.trackingNo)).not.toContain(trackingNo);
      expect((await call(t.app, 'GET', `/api/v1/staff/cases/${trackingNo}`, undefined, own[role]!.bearer)).status).toBe(200);
      expect((await call(t.app, 'GET', `/api/v1/staff/cases/${trackingNo}`, undefined, other[role]!.bearer)).status).toBe(404);
    });
    it('claiming: only a team member or supervisor of the area', async () => {
      const fresh = (await submit(t.app, resident, `matrix-claim-${role}`, application())).json.trackingNo;
      const outside = await call(t.app, 'POST', `/api/v1/staff/cases/${fresh}/actions/claim`, {}, other[role]!.bearer);
      expect(outside.status).toBe(mayWork ? 404 : 403);
      const inside = await call(t.app, 'POST', `/api/v1/staff/cases/${fresh}/actions/claim`, {}, own[role]!.bearer);
      expect(inside.status, role).toBe(role === 'team_member' || role === 'supervisor' ? 200 : mayWork ? 409 : 403);
    });
    it('approving: only a reviewer (others are refused before anything changes)', async () => {
      const res = await call(t.app, 'POST', `/api/v1/staff/cases/${trackingNo}/actions/approve`, { amount: 100 }, own[role]!.bearer);
      // The case is not under review, so even the reviewer is refused by the state machine.
      expect(res.status).toBe(mayWork ? 409 : 403);
    });
  });

  it('resident tokens open no staff endpoint, and staff tokens open no resident case', async () => {
    expect((await call(t.app, 'GET', '/api/v1/staff/cases', undefined, { authorization: `Bearer ${resident}` })).status).toBe(401);
    expect((await call(t.app, 'GET', `/api/v1/cases/${trackingNo}`, undefined, own.supervisor!.bearer)).status).toBe(401);
  });
});
