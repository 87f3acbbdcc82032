import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { count, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../../server/src/audit/service';
import { runAuditVerify } from '../../server/src/audit/verify-cli';
import { selectRows } from '../../server/src/db/client';
import { DEMO_PASSWORD } from '../../server/src/db/seed';
import { auditLog, staffUsers } from '../../server/src/db/schema';
import { staffById, type StaffUser } from '../../server/src/staff/auth';
import { performStaffAction } from '../../server/src/staff/case-work';
import { application, idWithCheck, loginResident, submit } from '../support/residents';
import { call, createTestContext, FIXED_NOW, type TestContext } from '../support/services';

let t: TestContext;
let member: StaffUser;
let ltMember: StaffUser;
let trackingNo: string;
let otherCountyNo: string;

async function staffLogin(username: string) {
  const res = await call(t.app, 'POST', '/api/v1/staff/login', { username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
const get = (path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} });
const auditIds = (html: string) => [...html.matchAll(/data-audit-id="(\d+)"/g)].map((m) => Number(m[1]));

/** The database's own message for a refused statement (drizzle wraps it in "Failed query"). */
async function refusal(statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await t.database.db.execute(statement);
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
  return 'accepted';
}

beforeAll(async () => {
  t = await createTestContext();
  const [yt] = await t.database.db.select().from(staffUsers).where(eq(staffUsers.username, 'yt-team'));
  member = (await staffById(t.database.db, yt!.id))!;
  const [lt] = await t.database.db
    .insert(staffUsers)
    .values({ username: 'lt-team', displayName: '蓝田队员', role: 'team_member', areaCode: '610122', teamId: 'team-610122', passwordHash: 'x' })
    .returning({ id: staffUsers.id });
  ltMember = (await staffById(t.database.db, lt!.id))!;
  const token = await loginResident(t.app, 'audit-resident');
  const filed = await submit(t.app, token, 'key-audit-1', application({ applicant: { name: '钱学明', idNumber: idWithCheck('61011319700505001'), phone: '13700137001' } }));
  trackingNo = filed.json.trackingNo;
  for (const action of ['claim', 'contact'] as const) await performStaffAction(t, member, trackingNo, action, {}, '10.0.0.7');
  await performStaffAction(t, member, trackingNo, 'visit', { note: '已入户' }, '10.0.0.7');
  const other = await submit(t.app, token, 'key-audit-2', application({ regionCode: '610122001', applicant: { name: '蓝田人', idNumber: idWithCheck('61012219700505002'), phone: '13700137002' } }));
  otherCountyNo = other.json.trackingNo;
  await performStaffAction(t, ltMember, otherCountyNo, 'claim', {}, '10.0.0.8');
});
afterAll(() => t.close());

describe('the audit trail', () => {
  it('holds an intact hash chain after several actions, and the verify command says so', async () => {
    const chain = await verifyAuditChain(t.database.db);
    const [{ n }] = (await t.database.db.select({ n: count() }).from(auditLog)) as [{ n: number }];
    expect(chain).toEqual({ ok: true, rows: Number(n), brokenAt: null });
    expect(chain.rows).toBeGreaterThanOrEqual(4);
    const lines: string[] = [];
    expect(await runAuditVerify(t.database, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([`audit chain: ${n} rows, intact`]);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const before = await t.database.db.select().from(auditLog).orderBy(auditLog.id);
    const first = before[0]!.id;
    expect(await refusal(sql`update audit_log set actor_name = 'someone else' where id = ${first}`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from audit_log where id = ${first}`)).toMatch(/append-only/);
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only/);
    expect(await t.database.db.select().from(auditLog).orderBy(auditLog.id)).toEqual(before);
  });

  it('detects a row changed behind the trigger and names it; the chain holds again once restored', async () => {
    const rows = await t.database.db.select().from(auditLog).orderBy(auditLog.id);
    const victim = rows[2]!;
    const tamper = async (name: string | null) => {
      // Only a superuser or the table owner can do this; the test database's user is the owner.
      await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      try {
        await t.database.db.execute(sql`update audit_log set actor_name = ${name} where id = ${victim.id}`);
      } finally {
        await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
      }
    };
    await tamper('改过的名字');
    try {
      expect(await verifyAuditChain(t.database.db)).toEqual({ ok: false, rows: 2, brokenAt: victim.id });
      const lines: string[] = [];
      expect(await runAuditVerify(t.database, (l) => lines.push(l))).toBe(1);
      expect(lines[0]).toContain(`row id ${victim.id}`);
      const html = await (await get('/staff/audit', await staffLogin('yt-auditor'))).text();
      expect(html).toContain('data-chain="broken"');
      expect(html).toContain(`第 ${victim.id} 号记录处断开`);
    } finally {
      await tamper(victim.actorName);
    }
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    const trigger = await selectRows<{ enabled: string }>(t.database.db, sql`select tgenabled as enabled from pg_trigger where tgname = 'audit_log_no_update'`);
    expect(trigger).toEqual([{ enabled: 'O' }]); // the trigger is back on
  });

  it('runs as `npm run audit:verify` (here on an empty in-memory database)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: 'memory://', LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    delete env.DATABASE_URL;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/audit/verify-cli.ts'], { env, timeout: 90_000 });
    expect(stdout.trim()).toBe('audit chain: 0 rows, intact');
  }, 90_000);
});

describe('GET /staff/audit', () => {
  it('shows the verified chain and who did what, when, from where; the view itself is recorded', async () => {
    const cookie = await staffLogin('yt-auditor');
    const res = await get('/staff/audit', cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-chain="intact"');
    expect(html).toMatch(/审计链完整：共 \d+ 条记录/);
    expect(html).toContain('办理：接单');
    expect(html).toContain(`<a href="/staff/audit?subject=${trackingNo}" title="只看这件申请的记录">${trackingNo}</a>`);
    expect(html).toContain('10.0.0.7');
    expect(html).toContain('快速响应队员 李强');
    expect(html).not.toContain('钱学明');
    const [last] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ action: 'audit.view', actorName: '审计员 孙丽', subjectType: 'audit_log' });
    expect(auditIds(html)[0]).toBe(last!.id);
  });

  it('searches by subject (tracking number), actor, action and dates', async () => {
    const cookie = await staffLogin('yt-admin');
    const bySubject = await (await get(`/staff/audit?subject=${trackingNo}`, cookie)).text();
    const caseRows = await t.database.db.select({ id: auditLog.id }).from(auditLog).where(sql`${auditLog.detail}->>'trackingNo' = ${trackingNo}`).orderBy(desc(auditLog.id));
    expect(auditIds(bySubject)).toEqual(caseRows.map((r) => r.id));
    expect(caseRows.length).toBe(3);
    const byActor = await (await get('/staff/audit?actor=yt-team', cookie)).text();
    expect(auditIds(byActor)).toEqual(caseRows.map((r) => r.id));
    const byName = await (await get(`/staff/audit?actor=${encodeURIComponent('李强')}`, cookie)).text();
    expect(auditIds(byName)).toEqual(caseRows.map((r) => r.id));
    const claims = await (await get('/staff/audit?action=case.claim', cookie)).text();
    expect(auditIds(claims)).toHaveLength(1);
    const family = await (await get('/staff/audit?action=case', cookie)).text();
    expect(auditIds(family)).toHaveLength(3);
    expect(await (await get(`/staff/audit?from=2026-11-22&to=2026-11-22&subject=${trackingNo}`, cookie)).text()).toContain('共 3 条');
    expect(await (await get(`/staff/audit?from=2026-11-23&to=2026-11-30&subject=${trackingNo}`, cookie)).text()).toContain('共 0 条');
  });

  it("never shows entries about another county's cases or staff", async () => {
    const cookie = await staffLogin('yt-auditor');
    const html = await (await get(`/staff/audit?subject=${otherCountyNo}`, cookie)).text();
    expect(html).toContain('共 0 条');
    expect(await (await get('/staff/audit?actor=lt-team', cookie)).text()).toContain('共 0 条');
  });

  it('pages through 50 entries at a time, newest first', async () => {
    for (let i = 0; i < 60; i++) await recordAudit(t.database.db, { actorKind: 'staff', actorId: member.id, actorName: member.displayName, action: 'test.bulk', subjectType: 'staff_user', subjectId: member.id }, FIXED_NOW);
    const cookie = await staffLogin('yt-auditor');
    const one = await (await get('/staff/audit?action=test.bulk', cookie)).text();
    expect(one).toContain('共 60 条，第 1 / 2 页');
    const first = auditIds(one);
    expect(first).toHaveLength(50);
    expect(first).toEqual([...first].sort((a, b) => b - a));
    expect(one).toContain('href="/staff/audit?action=test.bulk&amp;page=2"');
    const two = auditIds(await (await get('/staff/audit?action=test.bulk&page=2', cookie)).text());
    expect(two).toHaveLength(10);
    expect(Math.max(...two)).toBeLessThan(Math.min(...first));
  });

  it('is refused to team members and reviewers (403) and to strangers (login page)', async () => {
    expect((await get('/staff/audit', await staffLogin('yt-team'))).status).toBe(403);
    expect((await get('/staff/audit', await staffLogin('yt-reviewer'))).status).toBe(403);
    const anon = await get('/staff/audit');
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toContain('/staff/login');
  });
});
